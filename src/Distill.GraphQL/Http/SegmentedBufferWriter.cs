using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Distill.GraphQL.Http;

/// <summary>
/// A response body built in pooled 64 KB segments, so that a large response (a cluster's evidence chains are
/// ~0.5 MB) needs neither a growing array that is copied on every doubling nor a fresh large-object-heap array
/// per request (both showed up as the top cost of such requests in a CPU trace). The total length is known before
/// the first byte is sent, so the response keeps its Content-Length.
/// </summary>
internal sealed class SegmentedBufferWriter : IBufferWriter<byte>, IDisposable
{
    /// <summary>Below the 85,000-byte large-object threshold, and large enough that a 0.5 MB response is 8 segments.</summary>
    private const int SegmentSize = 64 * 1024;

    private readonly List<(byte[] Array, int Length)> _sealed = [];
    private byte[] _current;
    private int _position;
    private bool _disposed;

    public SegmentedBufferWriter(int initialSize = 4096) =>
        _current = ArrayPool<byte>.Shared.Rent(Math.Clamp(initialSize, 256, SegmentSize));

    /// <summary>Bytes written so far.</summary>
    public long WrittenCount { get; private set; }

    /// <summary>Most bytes this writer accepts; writing past it throws <see cref="ResponseTooLargeException"/>.</summary>
    public long Limit { get; init; } = long.MaxValue;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_position + count > _current.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        if (WrittenCount + count > Limit)
        {
            throw new ResponseTooLargeException(Limit);
        }

        _position += count;
        WrittenCount += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsMemory(_position);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsSpan(_position);
    }

    /// <summary>Writes everything to <paramref name="response"/>'s body (the caller sets the headers first).</summary>
    public async Task CopyToAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var (array, length) in _sealed)
        {
            await response.Body.WriteAsync(array.AsMemory(0, length), cancellationToken);
        }

        if (_position > 0)
        {
            await response.Body.WriteAsync(_current.AsMemory(0, _position), cancellationToken);
        }
    }

    /// <summary>The written bytes as one array (for tests and small payloads).</summary>
    public byte[] ToArray()
    {
        var result = new byte[WrittenCount];
        var offset = 0;
        foreach (var (array, length) in _sealed)
        {
            array.AsSpan(0, length).CopyTo(result.AsSpan(offset));
            offset += length;
        }

        _current.AsSpan(0, _position).CopyTo(result.AsSpan(offset));
        return result;
    }

    public void Dispose()
    {
        foreach (var (array, _) in _sealed)
        {
            ArrayPool<byte>.Shared.Return(array);
        }

        _sealed.Clear();
        if (!_disposed)
        {
            ArrayPool<byte>.Shared.Return(_current);
            _current = [];
            _position = 0;
            _disposed = true;
        }
    }

    private void Ensure(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var needed = Math.Max(sizeHint, 1);
        if (_current.Length - _position >= needed)
        {
            return;
        }

        if (_position > 0)
        {
            _sealed.Add((_current, _position));
        }
        else
        {
            ArrayPool<byte>.Shared.Return(_current);
        }

        _current = ArrayPool<byte>.Shared.Rent(Math.Max(SegmentSize, needed));
        _position = 0;
    }
}
