using System.IO.Compression;

namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>
/// Decompresses a gzip file and fails clearly when it is truncated. .NET's <see cref="GZipStream"/>
/// returns end-of-stream on a truncated file without complaint, so at the end we compare the
/// decompressed length with the ISIZE field of the gzip trailer (the file's last four bytes): a cut
/// file ends in compressed data, which matches the length only by a 1-in-2^32 accident.
/// </summary>
/// <remarks>A multi-member gzip (concatenated .gz files) is reported as corrupt: its last trailer covers only the last member.</remarks>
internal sealed class GzipCheckedStream : Stream
{
    private const int MinimumGzipLength = 18; // 10-byte header + 8-byte trailer
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private readonly uint _expectedLength;
    private readonly bool _tooShort;
    private uint _length;

    public GzipCheckedStream(FileStream file)
    {
        _file = file;
        if (file.Length < MinimumGzipLength)
        {
            _tooShort = true;
        }
        else
        {
            Span<byte> trailer = stackalloc byte[4];
            file.Seek(-4, SeekOrigin.End);
            file.ReadExactly(trailer);
            file.Seek(0, SeekOrigin.Begin);
            _expectedLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        }

        _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
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
        if (_tooShort)
        {
            throw new InputFileException($"truncated gzip: the file has only {_file.Length} bytes");
        }

        int read;
        try
        {
            read = _gzip.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new InputFileException($"corrupt gzip data: {e.Message}", e);
        }

        if (read == 0 && buffer.Length > 0 && _length != _expectedLength)
        {
            throw new InputFileException("truncated or corrupt gzip: the decompressed length does not match the gzip trailer");
        }

        _length = unchecked(_length + (uint)read);
        return read;
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
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }
}
