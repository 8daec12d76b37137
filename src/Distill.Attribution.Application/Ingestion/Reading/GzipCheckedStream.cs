using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>
/// Decompresses a gzip file, one member after another (concatenated .gz files and bgzip blocks are valid
/// gzip), and fails clearly when it is truncated or corrupt. .NET's <see cref="GZipStream"/> returns
/// end-of-stream on a truncated file without complaint, so each member's deflate data is inflated here
/// and its 8-byte trailer is then located and checked: its ISIZE must equal the member's decompressed
/// length, and it must be followed by the end of the file or by the next member's header. A file cut
/// inside a member ends in compressed data, which passes only by a 1-in-2^32 accident.
/// </summary>
/// <remarks>
/// The inflater reads its input in blocks, so when a member ends the file position is somewhere after
/// its trailer; the trailer is searched for in the last block read, which holds the member's end.
/// Trailing zero bytes after the last member (tape or tar padding) are accepted, as gzip does.
/// </remarks>
internal sealed class GzipCheckedStream : Stream
{
    private const int HeaderLength = 10;
    private const int TrailerLength = 8;
    private const int MinimumGzipLength = HeaderLength + TrailerLength;
    private const byte FlagHeaderCrc = 2;
    private const byte FlagExtra = 4;
    private const byte FlagName = 8;
    private const byte FlagComment = 16;

    private readonly Stream _file;
    private readonly TrackingStream _source;
    private DeflateStream? _member;
    private long _memberDataStart;
    private uint _memberLength;
    private int _members;
    private bool _done;

    /// <param name="file">The compressed bytes: seekable, with a length (the trailer search moves back and forth).</param>
    public GzipCheckedStream(Stream file)
    {
        _file = file;
        _source = new TrackingStream(file);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _file.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (!_done)
        {
            if (_member is null && !StartMember())
            {
                _done = true;
                break;
            }

            int read;
            try
            {
                read = _member!.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw new InputFileException($"corrupt gzip data: {e.Message}", e);
            }

            if (read > 0 || buffer.IsEmpty)
            {
                _memberLength = unchecked(_memberLength + (uint)read);
                return read;
            }

            EndMember();
        }

        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _member?.Dispose();
            _file.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Parses the header of the member at the file position; false at a clean end of the file.</summary>
    private bool StartMember()
    {
        var remaining = _file.Length - _file.Position;
        if (_members == 0 && _file.Length < MinimumGzipLength)
        {
            throw new InputFileException($"truncated gzip: the file has only {_file.Length} bytes");
        }

        if (remaining == 0)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        var got = _file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < HeaderLength || header[0] != 0x1f || header[1] != 0x8b || header[2] != 8)
        {
            if (_members > 0 && OnlyZerosFrom(_file.Position - got))
            {
                return false;
            }

            throw new InputFileException(_members == 0
                ? "not a gzip file (bad magic bytes or compression method)"
                : $"corrupt gzip: {remaining} bytes after member {_members} are neither another gzip member nor zero padding");
        }

        var flags = header[3];
        if ((flags & FlagExtra) != 0)
        {
            Span<byte> length = stackalloc byte[2];
            ReadHeaderBytes(length);
            Skip(BinaryPrimitives.ReadUInt16LittleEndian(length));
        }

        if ((flags & FlagName) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & FlagComment) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            Skip(2);
        }

        _members++;
        _memberLength = 0;
        _memberDataStart = _file.Position;
        _source.Reset();
        _member = new DeflateStream(_source, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    /// <summary>Finds and checks the trailer of the member just inflated and moves the file position after it.</summary>
    private void EndMember()
    {
        _member!.Dispose();
        _member = null;
        // The deflate data ended inside the last block the inflater read (or right after it); the block
        // before it is searched too, in case the inflater asked for input it turned out not to need.
        var from = Math.Max(_memberDataStart, _source.PreviousReadStart);
        var to = Math.Min(_file.Length - TrailerLength, _source.LastReadEnd);
        if (to < from)
        {
            throw Truncated();
        }

        var windowLength = checked((int)(to - from + TrailerLength + 3));
        var window = ArrayPool<byte>.Shared.Rent(windowLength);
        try
        {
            _file.Position = from;
            var got = _file.ReadAtLeast(window.AsSpan(0, windowLength), windowLength, throwOnEndOfStream: false);
            for (var t = 0; t + TrailerLength <= got; t++)
            {
                if (BinaryPrimitives.ReadUInt32LittleEndian(window.AsSpan(t + 4, 4)) != _memberLength)
                {
                    continue;
                }

                var after = from + t + TrailerLength;
                var next = window.AsSpan(t + TrailerLength, Math.Min(2, got - t - TrailerLength));
                if (after == _file.Length || (next.Length == 2 && next[0] == 0x1f && next[1] == 0x8b) || OnlyZerosFrom(after))
                {
                    _file.Position = after;
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(window);
        }

        throw Truncated();
    }

    private InputFileException Truncated() =>
        new($"truncated or corrupt gzip: member {_members} has no trailer matching its decompressed length");

    private bool OnlyZerosFrom(long position)
    {
        var saved = _file.Position;
        try
        {
            _file.Position = position;
            Span<byte> block = stackalloc byte[4096];
            while (true)
            {
                var read = _file.Read(block);
                if (read == 0)
                {
                    return true;
                }

                if (block[..read].ContainsAnyExcept((byte)0))
                {
                    return false;
                }
            }
        }
        finally
        {
            _file.Position = saved;
        }
    }

    private void ReadHeaderBytes(Span<byte> bytes)
    {
        if (_file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
        {
            throw new InputFileException($"truncated gzip: member {_members + 1} ends inside its header");
        }
    }

    private void Skip(int count)
    {
        if (_file.Position + count > _file.Length)
        {
            throw new InputFileException($"truncated gzip: member {_members + 1} ends inside its header");
        }

        _file.Position += count;
    }

    private void SkipZeroTerminated()
    {
        Span<byte> one = stackalloc byte[1];
        do
        {
            ReadHeaderBytes(one);
        }
        while (one[0] != 0);
    }

    /// <summary>Passes reads through to the file and remembers where the last one started and ended.</summary>
    private sealed class TrackingStream(Stream file) : Stream
    {
        public long PreviousReadStart { get; private set; }

        public long LastReadStart { get; private set; }

        public long LastReadEnd { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => file.Position;
            set => throw new NotSupportedException();
        }

        public void Reset() => PreviousReadStart = LastReadStart = LastReadEnd = file.Position;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var start = file.Position;
            var read = file.Read(buffer);
            if (read > 0)
            {
                PreviousReadStart = LastReadStart;
                LastReadStart = start;
                LastReadEnd = start + read;
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
