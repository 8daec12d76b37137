using System.Buffers;

namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>
/// A pooled sliding window over a stream. It grows only while one row does not fit, and never beyond
/// <c>maxBytes</c>, so memory is bounded by the longest row we accept, not by the file.
/// </summary>
internal sealed class StreamBuffer : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxBytes;
    private byte[] _buffer;

    public StreamBuffer(Stream stream, int initialBytes, int maxBytes)
    {
        _stream = stream;
        _maxBytes = maxBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(initialBytes, maxBytes));
    }

    public byte[] Array => _buffer;

    /// <summary>Start of the unconsumed bytes in <see cref="Array"/>.</summary>
    public int Start { get; private set; }

    /// <summary>End of the valid bytes in <see cref="Array"/>.</summary>
    public int End { get; private set; }

    public bool Eof { get; private set; }

    public ReadOnlySpan<byte> Pending => _buffer.AsSpan(Start, End - Start);

    /// <summary>Whether the pending bytes fill the largest buffer allowed (a row too long to keep).</summary>
    public bool IsFull => End - Start >= _maxBytes;

    public void Consume(int count) => Start += count;

    /// <summary>
    /// Moves the start back over bytes consumed since the last <see cref="Fill"/> (they are still in the
    /// buffer), so a reader can re-read part of a record it rejected.
    /// </summary>
    public void Rewind(int start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, End);
        Start = start;
    }

    /// <summary>Drops every pending byte (used while skipping a row that is too long).</summary>
    public void DiscardPending() => Start = End;

    /// <summary>
    /// Reads more bytes after the pending ones, compacting or growing the buffer as needed. Returns
    /// false at end of stream or when the buffer is full (check <see cref="IsFull"/>).
    /// </summary>
    public bool Fill()
    {
        if (Eof)
        {
            return false;
        }

        var pending = End - Start;
        var cap = Math.Min(_buffer.Length, _maxBytes);
        if (Start > 0 && (End >= cap || Start > cap / 2))
        {
            _buffer.AsSpan(Start, pending).CopyTo(_buffer);
            Start = 0;
            End = pending;
        }

        if (End >= cap)
        {
            if (_buffer.Length >= _maxBytes)
            {
                return false;
            }

            var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxBytes));
            _buffer.AsSpan(Start, pending).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
            Start = 0;
            End = pending;
            cap = Math.Min(_buffer.Length, _maxBytes);
        }

        var room = cap - End;
        if (room <= 0)
        {
            return false;
        }

        var read = _stream.Read(_buffer, End, room);
        if (read == 0)
        {
            Eof = true;
            return false;
        }

        End += read;
        return true;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
