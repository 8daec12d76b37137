using System.Text;

namespace Distill.Attribution.Synthetic;

/// <summary>
/// RFC 4180 writer for the small files (accounts, payments, sessions, releases, indicators, truth):
/// a field is quoted only when it holds a comma, a quote or a line break, and quotes are doubled.
/// Lines end with LF. Timestamps go through <see cref="Utf8RowBuffer"/> so every file formats them alike.
/// </summary>
internal sealed class CsvTextWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly Utf8RowBuffer _buffer = new(1 << 16);
    private bool _firstField = true;

    public CsvTextWriter(string path, params string[] header)
        : this(path, false, header)
    {
    }

    /// <summary>With <paramref name="gzip"/>, writes <c>PATH.gz</c> (one gzip member, as the ingester expects).</summary>
    public CsvTextWriter(string path, bool gzip, params string[] header)
    {
        _stream = OutputFile.Create(path, gzip, 1 << 16);
        foreach (var name in header)
        {
            Field(name);
        }

        EndRow();
    }

    public long Rows { get; private set; } = -1;

    public CsvTextWriter Field(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        var needsQuotes = value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        var text = needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        _buffer.Reserve(max);
        Span<byte> scratch = max <= 512 ? stackalloc byte[max] : new byte[max];
        var written = Encoding.UTF8.GetBytes(text, scratch);
        _buffer.Append(scratch[..written]);
        return this;
    }

    public CsvTextWriter Field(long value)
    {
        Separator();
        _buffer.Reserve(24);
        _buffer.AppendInt(value);
        return this;
    }

    public CsvTextWriter Field(double value)
    {
        return Field(value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
    }

    public CsvTextWriter Timestamp(long unixMs)
    {
        Separator();
        _buffer.Reserve(32);
        _buffer.AppendTimestamp(unixMs, milliseconds: false);
        return this;
    }

    public void EndRow()
    {
        _buffer.Reserve(1);
        _buffer.Append((byte)'\n');
        _firstField = true;
        Rows++;
        if (_buffer.Length >= 1 << 15)
        {
            Flush();
        }
    }

    public void Dispose()
    {
        Flush();
        _stream.Dispose();
        _buffer.Dispose();
    }

    private void Separator()
    {
        if (!_firstField)
        {
            _buffer.Reserve(1);
            _buffer.Append((byte)',');
        }

        _firstField = false;
    }

    private void Flush()
    {
        _stream.Write(_buffer.WrittenSpan);
        _buffer.Clear();
    }
}
