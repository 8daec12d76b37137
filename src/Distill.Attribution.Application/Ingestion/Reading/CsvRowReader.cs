using System.Text;
using System.Text.Unicode;

namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>
/// An RFC 4180 CSV reader over bytes: quoted fields, doubled quotes, embedded newlines, CRLF, LF or
/// CR-only line endings (detected on the header line), an optional UTF-8 BOM, columns in any order
/// (mapped by the header). A row is first delimited with a vectorised scan for quotes and newlines, then
/// split; a row without quotes is split with no copying, a quoted one is unescaped in place.
/// </summary>
/// <remarks>
/// A stray quote (a "quote bomb") would otherwise swallow every following line into one field. When a
/// record that spans several lines turns out malformed, or a quoted field is still open at the end of
/// the file or after <see cref="ReaderOptions.MaxRowBytes"/>, only the record's first line is rejected
/// and reading resumes at the next line, so every later row is read and counted on its own.
/// </remarks>
internal sealed class CsvRowReader : IRowReader
{
    private const byte Quote = (byte)'"';
    private const byte Comma = (byte)',';
    private const byte Lf = (byte)'\n';
    private const byte Cr = (byte)'\r';
    private const int MaxUnknownColumnsShown = 20;

    private readonly StreamBuffer _buffer;
    private readonly RecordSchema _schema;
    private readonly int _maxRowBytes;
    private readonly List<string> _warnings = [];
    private int[] _colToSlot = [];
    private int[] _fieldStart = new int[16];
    private int[] _fieldLength = new int[16];
    private long _nextLine = 1;
    private byte _newline = Lf;
    private byte[] _record = [];

    // Scan state of the row being delimited, kept across refills so a long row is scanned once.
    private int _scanned;
    private bool _inQuotes;
    private bool _hasQuotes;
    private int _embeddedNewlines;

    private CsvRowReader(Stream stream, RecordSchema schema, ReaderOptions options)
    {
        _buffer = new StreamBuffer(stream, options.InitialBufferBytes, options.MaxRowBytes);
        _schema = schema;
        _maxRowBytes = options.MaxRowBytes;
    }

    public IReadOnlyList<string> Warnings => _warnings;

    public bool IsEmpty { get; private set; }

    /// <summary>Opens a reader and reads the header; throws <see cref="InputFileException"/> on a bad header.</summary>
    public static CsvRowReader Open(Stream stream, RecordSchema schema, ReaderOptions options)
    {
        var reader = new CsvRowReader(stream, schema, options);
        try
        {
            reader.ReadHeader();
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public bool ReadRow(RawRow row)
    {
        if (IsEmpty)
        {
            return false;
        }

        var status = NextRecord(out var start, out var length, out var hasQuotes, out var line, out var lines);
        if (status == RecordStatus.End)
        {
            return false;
        }

        row.Reset(_buffer.Array, line);
        switch (status)
        {
            case RecordStatus.TooLong:
                row.Reject(null, $"row longer than {_maxRowBytes} bytes; skipped");
                return true;
            case RecordStatus.Unterminated:
                row.Reject(null, "unterminated quoted field (a quote opened and never closed before the end of the file)");
                return true;
            case RecordStatus.RunawayQuote:
                row.Reject(null, $"unterminated quoted field (a quote opened on this line is not closed before the end of the file or within {_maxRowBytes} bytes); only this line is rejected, reading resumes at the next line");
                return true;
        }

        var content = _buffer.Array.AsSpan(start, length);
        if (!Utf8.IsValid(content))
        {
            row.Reject(null, "invalid UTF-8");
            return true;
        }

        // A record over several lines is kept aside before splitting (which unescapes in place), so that
        // if it is malformed its later lines can be read again as rows of their own.
        if (lines > 1)
        {
            if (_record.Length < length)
            {
                _record = new byte[Math.Max(length, _record.Length * 2)];
            }

            content.CopyTo(_record);
        }

        var count = Split(start, length, hasQuotes, out var error);
        if (error is null && count != _colToSlot.Length)
        {
            error = $"row has {count} fields; the header has {_colToSlot.Length}";
        }

        if (error is not null)
        {
            if (lines > 1)
            {
                Resynchronise(start, length, line);
                error += $" (a quoted field ran over {lines} lines: only this line is rejected, reading resumes at the next line)";
            }

            row.Reject(null, error);
            return true;
        }

        for (var c = 0; c < count; c++)
        {
            var slot = _colToSlot[c];
            if (slot >= 0)
            {
                row.Set(slot, _fieldStart[c], _fieldLength[c]);
            }
        }

        return true;
    }

    public void Dispose() => _buffer.Dispose();

    private void ReadHeader()
    {
        _buffer.Fill();
        while (_buffer.End - _buffer.Start < 3 && _buffer.Fill())
        {
        }

        if (_buffer.Pending.StartsWith("\uFEFF"u8))
        {
            _buffer.Consume(3);
        }

        DetectLineEnding();
        var status = NextRecord(out var start, out var length, out var hasQuotes, out var line, out _);
        switch (status)
        {
            case RecordStatus.End:
                IsEmpty = true;
                return;
            case RecordStatus.TooLong:
                throw new InputFileException($"header row longer than {_maxRowBytes} bytes", null, line);
            case RecordStatus.Unterminated:
                throw new InputFileException("unterminated quoted field in the header row", null, line);
        }

        if (!Utf8.IsValid(_buffer.Array.AsSpan(start, length)))
        {
            throw new InputFileException("invalid UTF-8 in the header row", null, line);
        }

        var count = Split(start, length, hasQuotes, out var error);
        if (error is not null)
        {
            throw new InputFileException($"header row: {error}", null, line);
        }

        _colToSlot = new int[count];
        var seen = new bool[_schema.Count];
        var unknown = new List<string>();
        var headerText = new List<string>(count);
        for (var c = 0; c < count; c++)
        {
            var name = Encoding.UTF8.GetString(_buffer.Array, _fieldStart[c], _fieldLength[c]).Trim().ToLowerInvariant();
            headerText.Add(name);
            var slot = Array.IndexOf(_schema.Names, name);
            _colToSlot[c] = slot;
            if (slot < 0)
            {
                unknown.Add(ShownName(name));
            }
            else if (seen[slot])
            {
                throw new InputFileException($"column '{ShownName(name)}' appears more than once in the header", ShownName(name), line);
            }
            else
            {
                seen[slot] = true;
            }
        }

        var missing = new List<string>();
        for (var i = 0; i < _schema.Count; i++)
        {
            if (_schema.Required[i] && !seen[i])
            {
                missing.Add(_schema.Names[i]);
            }
        }

        if (missing.Count > 0)
        {
            var hint = count == 1 && (headerText[0].Contains(';') || headerText[0].Contains('\t') || headerText[0].Contains('|'))
                ? " (the header has a single column containing ';', tab or '|': the contract's CSV is comma-separated)"
                : string.Empty;
            throw new InputFileException($"missing required column(s): {string.Join(", ", missing)}{hint}", missing[0], line);
        }

        if (unknown.Count > 0)
        {
            var shown = string.Join(", ", unknown.Take(MaxUnknownColumnsShown));
            var more = unknown.Count > MaxUnknownColumnsShown ? $" and {unknown.Count - MaxUnknownColumnsShown} more" : string.Empty;
            _warnings.Add($"unknown column(s) ignored: {shown}{more}");
        }
    }

    /// <summary>A column or key name as it may appear in a warning: shortened, and never a card number.</summary>
    internal static string ShownName(string name)
    {
        if (Validation.CardNumbers.Contains(name.AsSpan()))
        {
            return "(a name that looks like a card number, not shown)";
        }

        return name.Length > 40 ? name[..40] + "..." : name;
    }

    /// <summary>
    /// Chooses the line terminator from the header line: CR alone (old Mac exports) when a CR that is not
    /// followed by LF comes before any LF; otherwise LF (with an optional CR before it).
    /// </summary>
    private void DetectLineEnding()
    {
        while (true)
        {
            var pending = _buffer.Pending;
            var at = pending.IndexOfAny(Cr, Lf);
            if (at < 0)
            {
                // No line break read yet: read on (the header row has to be read whole anyway).
                if (!_buffer.Fill())
                {
                    return;
                }

                continue;
            }

            if (pending[at] == Lf)
            {
                return;
            }

            if (at + 1 < pending.Length)
            {
                if (pending[at + 1] != Lf)
                {
                    _newline = Cr;
                }

                return;
            }

            if (!_buffer.Fill())
            {
                // The file ends with the header and its CR.
                _newline = _buffer.IsFull ? Lf : Cr;
                return;
            }
        }
    }

    /// <summary>
    /// After a malformed record over several lines: puts its original bytes back and moves the reading
    /// position to the start of its second line.
    /// </summary>
    private void Resynchronise(int start, int length, long line)
    {
        var original = _record.AsSpan(0, length);
        original.CopyTo(_buffer.Array.AsSpan(start, length));
        var firstBreak = original.IndexOf(_newline);
        _buffer.Rewind(start + firstBreak + 1);
        _nextLine = line + 1;
    }

    /// <summary>Delimits the next non-blank record. Start/length exclude the line terminator.</summary>
    private RecordStatus NextRecord(out int start, out int length, out bool hasQuotes, out long line, out int lines)
    {
        lines = 1;
        while (true)
        {
            var end = Scan();
            if (end < 0)
            {
                if (_buffer.Fill())
                {
                    continue;
                }

                if (_buffer.IsFull)
                {
                    line = _nextLine;
                    start = length = 0;
                    hasQuotes = false;
                    if (_inQuotes)
                    {
                        // Either the quote swallowed later lines (reject only its own line) or this one
                        // line is too long: both resume at the next line.
                        var runaway = _embeddedNewlines > 0;
                        SkipFirstLineOfPending();
                        return runaway ? RecordStatus.RunawayQuote : RecordStatus.TooLong;
                    }

                    SkipTooLongRecord();
                    return RecordStatus.TooLong;
                }

                // End of stream: the rest, if any, is the last record (no final newline).
                var pending = _buffer.End - _buffer.Start;
                if (pending == 0)
                {
                    start = length = 0;
                    hasQuotes = false;
                    line = _nextLine;
                    return RecordStatus.End;
                }

                line = _nextLine;
                if (_inQuotes)
                {
                    start = length = 0;
                    hasQuotes = false;
                    if (_embeddedNewlines > 0)
                    {
                        // The open quote swallowed later lines: reject only its own line.
                        SkipFirstLineOfPending();
                        return RecordStatus.RunawayQuote;
                    }

                    _buffer.Consume(pending);
                    ResetScan();
                    return RecordStatus.Unterminated;
                }

                end = pending;
            }

            start = _buffer.Start;
            var span = _buffer.Array.AsSpan(start, end);
            length = end > 0 && _newline == Lf && span[end - 1] == Cr ? end - 1 : end;
            hasQuotes = _hasQuotes;
            line = _nextLine;
            lines = 1 + _embeddedNewlines;
            _nextLine += 1 + _embeddedNewlines;
            _buffer.Consume(Math.Min(end + 1, _buffer.End - _buffer.Start));
            ResetScan();
            if (length == 0)
            {
                continue; // a blank line: not a record
            }

            return RecordStatus.Row;
        }
    }

    /// <summary>Continues delimiting the pending record; returns its end (offset of its '\n') or -1.</summary>
    private int Scan()
    {
        var span = _buffer.Pending;
        var i = _scanned;
        while (i < span.Length)
        {
            if (!_inQuotes)
            {
                var j = span[i..].IndexOfAny(Quote, _newline);
                if (j < 0)
                {
                    i = span.Length;
                    break;
                }

                i += j;
                if (span[i] == _newline)
                {
                    _scanned = i;
                    return i;
                }

                _inQuotes = true;
                _hasQuotes = true;
                i++;
            }
            else
            {
                // Doubled quotes close and reopen: toggling on every quote is exact for RFC 4180.
                var j = span[i..].IndexOf(Quote);
                if (j < 0)
                {
                    _embeddedNewlines += span[i..].Count(_newline);
                    i = span.Length;
                    break;
                }

                _embeddedNewlines += span.Slice(i, j).Count(_newline);
                i += j + 1;
                _inQuotes = false;
            }
        }

        _scanned = i;
        return -1;
    }

    private void SkipTooLongRecord()
    {
        while (true)
        {
            var end = Scan();
            if (end >= 0)
            {
                _nextLine += 1 + _embeddedNewlines;
                _buffer.Consume(end + 1);
                ResetScan();
                return;
            }

            _buffer.DiscardPending();
            _scanned = 0;
            if (!_buffer.Fill() && _buffer.Eof)
            {
                _nextLine += 1 + _embeddedNewlines;
                ResetScan();
                return;
            }
        }
    }

    /// <summary>
    /// Drops the pending record's first physical line (quotes ignored) and resets the scan, so reading
    /// resumes on the next line; a first line longer than the buffer is skipped to its end.
    /// </summary>
    private void SkipFirstLineOfPending()
    {
        ResetScan();
        while (true)
        {
            var at = _buffer.Pending.IndexOf(_newline);
            if (at >= 0)
            {
                _buffer.Consume(at + 1);
                _nextLine++;
                return;
            }

            _buffer.DiscardPending();
            if (!_buffer.Fill())
            {
                _nextLine++;
                return;
            }
        }
    }

    private void ResetScan()
    {
        _scanned = 0;
        _inQuotes = false;
        _hasQuotes = false;
        _embeddedNewlines = 0;
    }

    /// <summary>Splits a delimited record into fields (absolute offsets into the buffer).</summary>
    private int Split(int start, int length, bool hasQuotes, out string? error)
    {
        error = null;
        var s = _buffer.Array.AsSpan(start, length);
        var count = 0;
        var i = 0;
        if (!hasQuotes)
        {
            while (true)
            {
                var j = s[i..].IndexOf(Comma);
                var fieldLength = j < 0 ? s.Length - i : j;
                Add(ref count, start + i, fieldLength);
                if (j < 0)
                {
                    return count;
                }

                i += j + 1;
            }
        }

        while (true)
        {
            if (i < s.Length && s[i] == Quote)
            {
                // Unescape in place: the value shifts left over its opening quote.
                var write = i;
                var read = i + 1;
                while (true)
                {
                    var j = s[read..].IndexOf(Quote);
                    if (j < 0)
                    {
                        error = "unterminated quoted field";
                        return count;
                    }

                    s.Slice(read, j).CopyTo(s[write..]);
                    write += j;
                    read += j + 1;
                    if (read < s.Length && s[read] == Quote)
                    {
                        s[write++] = Quote;
                        read++;
                        continue;
                    }

                    break;
                }

                Add(ref count, start + i, write - i);
                i = read;
                if (i < s.Length && s[i] != Comma)
                {
                    error = $"unexpected character after the closing quote of field {count}";
                    return count;
                }
            }
            else
            {
                var j = s[i..].IndexOfAny(Comma, Quote);
                if (j >= 0 && s[i + j] == Quote)
                {
                    error = $"quote inside unquoted field {count + 1} (quote the whole field and double inner quotes)";
                    return count;
                }

                var fieldLength = j < 0 ? s.Length - i : j;
                Add(ref count, start + i, fieldLength);
                i += fieldLength;
            }

            if (i >= s.Length)
            {
                return count;
            }

            i++; // the comma
        }
    }

    private void Add(ref int count, int start, int length)
    {
        if (count == _fieldStart.Length)
        {
            Array.Resize(ref _fieldStart, count * 2);
            Array.Resize(ref _fieldLength, count * 2);
        }

        _fieldStart[count] = start;
        _fieldLength[count] = length;
        count++;
    }

    private enum RecordStatus
    {
        Row,
        End,
        TooLong,
        Unterminated,
        RunawayQuote,
    }
}
