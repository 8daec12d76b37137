using System.Text.Json;
using Distill.Attribution.Application.Abstractions;

namespace Distill.Attribution.Infrastructure.Ingestion;

/// <summary>
/// The rejects report: one JSON object per line with <c>file</c>, <c>line</c>, <c>field</c> and
/// <c>reason</c>. Reasons never carry field values (see the application's FieldMessages), so the report is safe to share.
/// </summary>
internal sealed class JsonLinesRejectsReport : IRejectsReport
{
    private readonly FileStream _stream;
    private readonly Utf8JsonWriter _writer;

    public JsonLinesRejectsReport(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        // Several top-level values in one stream: validation would refuse the second one.
        _writer = new Utf8JsonWriter(_stream, new JsonWriterOptions { SkipValidation = true });
    }

    public long Count { get; private set; }

    public void Add(string file, long line, string? field, string reason)
    {
        _writer.WriteStartObject();
        _writer.WriteString("file", file);
        _writer.WriteNumber("line", line);
        if (field is null)
        {
            _writer.WriteNull("field");
        }
        else
        {
            _writer.WriteString("field", field);
        }

        _writer.WriteString("reason", reason);
        _writer.WriteEndObject();
        _writer.Flush();
        _writer.Reset();
        _stream.WriteByte((byte)'\n');
        Count++;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}
