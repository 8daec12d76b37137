using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace Distill.Attribution.Synthetic;

/// <summary>
/// A growable UTF-8 byte buffer with the few formatters the generator needs (integers, hex ids,
/// RFC 3339 timestamps). Rows are formatted straight into pooled bytes: no strings per row.
/// </summary>
internal sealed class Utf8RowBuffer : IDisposable
{
    private const long MsPerDay = 86_400_000L;
    private static readonly byte[] HexDigits = "0123456789abcdef"u8.ToArray();

    private readonly byte[] _datePrefix = new byte[11];
    private byte[] _bytes;
    private long _cachedDay = long.MinValue;

    public Utf8RowBuffer(int initialCapacity)
    {
        _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 4096));
    }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Makes room for <paramref name="count"/> more bytes; call once per row with a row's upper bound.</summary>
    public void Reserve(int count)
    {
        if (Length + count <= _bytes.Length)
        {
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, Length + count));
        _bytes.AsSpan(0, Length).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = grown;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(byte value) => _bytes[Length++] = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_bytes.AsSpan(Length));
        Length += value.Length;
    }

    public void AppendInt(long value)
    {
        Utf8Formatter.TryFormat(value, _bytes.AsSpan(Length), out var written);
        Length += written;
    }

    /// <summary>16 lower-case hex digits, fixed width.</summary>
    public void AppendHex16(ulong value)
    {
        var span = _bytes.AsSpan(Length, 16);
        for (var i = 15; i >= 0; i--)
        {
            span[i] = HexDigits[(int)(value & 0xF)];
            value >>= 4;
        }

        Length += 16;
    }

    /// <summary>
    /// RFC 3339 UTC from Unix milliseconds: <c>2026-01-05T13:04:11.250Z</c>, or without the fraction.
    /// The date part is cached because a shard's rows are sorted by time within each account.
    /// </summary>
    public void AppendTimestamp(long unixMs, bool milliseconds)
    {
        var day = Math.DivRem(unixMs, MsPerDay, out var msOfDay);
        if (msOfDay < 0)
        {
            day--;
            msOfDay += MsPerDay;
        }

        if (day != _cachedDay)
        {
            var date = DateOnly.FromDayNumber((int)(day + 719_162)); // 719162 = day number of 1970-01-01
            var p = _datePrefix.AsSpan();
            Write4(p, date.Year);
            p[4] = (byte)'-';
            Write2(p[5..], date.Month);
            p[7] = (byte)'-';
            Write2(p[8..], date.Day);
            p[10] = (byte)'T';
            _cachedDay = day;
        }

        var span = _bytes.AsSpan(Length);
        _datePrefix.CopyTo(span);
        var ms = (int)msOfDay;
        var hours = ms / 3_600_000;
        ms -= hours * 3_600_000;
        var minutes = ms / 60_000;
        ms -= minutes * 60_000;
        var seconds = ms / 1000;
        ms -= seconds * 1000;
        Write2(span[11..], hours);
        span[13] = (byte)':';
        Write2(span[14..], minutes);
        span[16] = (byte)':';
        Write2(span[17..], seconds);
        if (milliseconds)
        {
            span[19] = (byte)'.';
            span[20] = (byte)('0' + (ms / 100));
            span[21] = (byte)('0' + (ms / 10 % 10));
            span[22] = (byte)('0' + (ms % 10));
            span[23] = (byte)'Z';
            Length += 24;
        }
        else
        {
            span[19] = (byte)'Z';
            Length += 20;
        }
    }

    public void Dispose()
    {
        if (_bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }
    }

    private static void Write2(Span<byte> span, int value)
    {
        span[0] = (byte)('0' + (value / 10));
        span[1] = (byte)('0' + (value % 10));
    }

    private static void Write4(Span<byte> span, int value)
    {
        span[0] = (byte)('0' + (value / 1000));
        span[1] = (byte)('0' + (value / 100 % 10));
        span[2] = (byte)('0' + (value / 10 % 10));
        span[3] = (byte)('0' + (value % 10));
    }
}
