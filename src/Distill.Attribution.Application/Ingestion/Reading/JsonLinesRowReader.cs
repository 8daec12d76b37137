using System.Text.Json;
using System.Text.Unicode;

namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>
/// A JSON Lines reader: each line's bytes go through a <see cref="Utf8JsonReader"/>; keys are the CSV
/// column names, <c>null</c> means absent, strings and numbers are kept as their UTF-8 text for the
/// converters to parse per field type. Unescaped strings are not copied.
/// </summary>
internal sealed class JsonLinesRowReader : IRowReader
{
    private const int MaxUnknownWarnings = 20;
    private readonly StreamBuffer _buffer;
    private readonly RecordSchema _schema;
    private readonly int _maxRowBytes;
    private readonly List<string> _warnings = [];
    private readonly HashSet<string> _unknown = new(StringComparer.Ordinal);
    private long _nextLine = 1;
    private int _scanned;
    private byte _newline = (byte)'\n';

    private JsonLinesRowReader(Stream stream, RecordSchema schema, ReaderOptions options)
    {
        _buffer = new StreamBuffer(stream, options.InitialBufferBytes, options.MaxRowBytes);
        _schema = schema;
        _maxRowBytes = options.MaxRowBytes;
    }

    public IReadOnlyList<string> Warnings => _warnings;

    public bool IsEmpty { get; private set; }

    public static JsonLinesRowReader Open(Stream stream, RecordSchema schema, ReaderOptions options)
    {
        var reader = new JsonLinesRowReader(stream, schema, options);
        reader._buffer.Fill();
        while (reader._buffer.End - reader._buffer.Start < 3 && reader._buffer.Fill())
        {
        }

        if (reader._buffer.Pending.StartsWith("\uFEFF"u8))
        {
            reader._buffer.Consume(3);
        }

        reader.IsEmpty = reader._buffer.Eof && reader._buffer.End == reader._buffer.Start;
        reader.DetectLineEnding();
        return reader;
    }

    public bool ReadRow(RawRow row)
    {
        while (true)
        {
            var span = _buffer.Pending;
            var j = span[_scanned..].IndexOf(_newline);
            int end;
            if (j < 0)
            {
                _scanned = span.Length;
                if (_buffer.Fill())
                {
                    continue;
                }

                if (_buffer.IsFull)
                {
                    row.Reset(_buffer.Array, _nextLine);
                    row.Reject(null, $"line longer than {_maxRowBytes} bytes; skipped");
                    SkipLine();
                    return true;
                }

                if (span.Length == 0)
                {
                    return false;
                }

                end = span.Length;
            }
            else
            {
                end = _scanned + j;
            }

            var start = _buffer.Start;
            var line = _nextLine++;
            _buffer.Consume(Math.Min(end + 1, span.Length));
            _scanned = 0;
            var content = _buffer.Array.AsSpan(start, end);
            var trimmed = content.TrimEnd(" \t\r"u8).TrimStart(" \t"u8);
            if (trimmed.IsEmpty)
            {
                continue;
            }

            row.Reset(_buffer.Array, line);
            Parse(row, content, start);
            return true;
        }
    }

    public void Dispose() => _buffer.Dispose();

    /// <summary>CR-only line endings (old Mac exports) when the first line break is a CR not followed by LF.</summary>
    private void DetectLineEnding()
    {
        while (true)
        {
            var pending = _buffer.Pending;
            var at = pending.IndexOfAny((byte)'\r', (byte)'\n');
            if (at >= 0 && (pending[at] == '\n' || at + 1 < pending.Length))
            {
                if (pending[at] == '\r' && pending[at + 1] != '\n')
                {
                    _newline = (byte)'\r';
                }

                return;
            }

            // No line break (or a CR at the end of what was read): read on; the first line is read whole anyway.
            if (!_buffer.Fill())
            {
                if (at >= 0 && !_buffer.IsFull)
                {
                    _newline = (byte)'\r';
                }

                return;
            }
        }
    }

    private void SkipLine()
    {
        while (true)
        {
            _buffer.DiscardPending();
            _scanned = 0;
            if (!_buffer.Fill())
            {
                _nextLine++;
                return;
            }

            var j = _buffer.Pending.IndexOf(_newline);
            if (j >= 0)
            {
                _buffer.Consume(j + 1);
                _nextLine++;
                return;
            }
        }
    }

    private void Parse(RawRow row, ReadOnlySpan<byte> line, int offset)
    {
        if (!Utf8.IsValid(line))
        {
            row.Reject(null, "invalid UTF-8");
            return;
        }

        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                row.Reject(null, "each line must be one JSON object");
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var slot = FindSlot(ref reader);
                reader.Read();
                switch (reader.TokenType)
                {
                    case JsonTokenType.Null:
                        if (slot >= 0)
                        {
                            row.SetAbsent(slot);
                        }

                        break;
                    case JsonTokenType.String:
                        if (slot >= 0)
                        {
                            if (reader.ValueIsEscaped)
                            {
                                var target = row.RentScratch(reader.ValueSpan.Length, out var scratchOffset);
                                var written = reader.CopyString(target);
                                row.SetScratch(slot, scratchOffset, written);
                            }
                            else
                            {
                                // TokenStartIndex is the opening quote; the value follows it.
                                row.Set(slot, offset + (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                            }
                        }

                        break;
                    case JsonTokenType.Number:
                        if (slot >= 0)
                        {
                            row.Set(slot, offset + (int)reader.TokenStartIndex, reader.ValueSpan.Length);
                        }

                        break;
                    default:
                        if (slot >= 0)
                        {
                            row.Reject(_schema.Names[slot], "must be a string or a number");
                            return;
                        }

                        reader.Skip();
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                row.Reject(null, "each line must be exactly one JSON object");
            }
        }
        catch (JsonException e)
        {
            row.Reject(null, $"malformed JSON at byte {e.BytePositionInLine ?? 0}");
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader accepts a \uD800-\uDFFF escape without its pair and only fails when the text is unescaped.
            row.Reject(null, "a \\u escape is half of a UTF-16 surrogate pair");
        }
    }

    private int FindSlot(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            var slot = _schema.IndexOf(reader.ValueSpan);
            if (slot >= 0)
            {
                return slot;
            }
        }
        else
        {
            for (var i = 0; i < _schema.Count; i++)
            {
                if (reader.ValueTextEquals(_schema.Utf8Names[i]))
                {
                    return i;
                }
            }
        }

        if (_unknown.Count < MaxUnknownWarnings)
        {
            var name = CsvRowReader.ShownName(reader.GetString() ?? string.Empty);

            if (_unknown.Add(name))
            {
                _warnings.Add($"unknown field ignored: {name}");
            }
        }

        return -1;
    }
}
