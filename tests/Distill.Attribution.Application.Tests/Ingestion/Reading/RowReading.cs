using System.Text;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Tests.Ingestion.Reading;

/// <summary>Reads every row of a stream into plain values, for assertions.</summary>
internal static class RowReading
{
    public static ReadRows Csv(string text, RecordKind kind = RecordKind.Requests, ReaderOptions? options = null, int chunk = 0) =>
        Read(Encoding.UTF8.GetBytes(text), InputFormat.Csv, kind, options, chunk);

    public static ReadRows Jsonl(string text, RecordKind kind = RecordKind.Requests, ReaderOptions? options = null, int chunk = 0) =>
        Read(Encoding.UTF8.GetBytes(text), InputFormat.JsonLines, kind, options, chunk);

    public static ReadRows Read(byte[] bytes, InputFormat format, RecordKind kind, ReaderOptions? options = null, int chunk = 0) =>
        Read(chunk > 0 ? new TrickleStream(bytes, chunk) : new MemoryStream(bytes), format, kind, options);

    public static ReadRows Read(Stream stream, InputFormat format, RecordKind kind, ReaderOptions? options = null)
    {
        var schema = RecordSchema.For(kind);
        options ??= new ReaderOptions();
        using IRowReader reader = format == InputFormat.Csv ? CsvRowReader.Open(stream, schema, options) : JsonLinesRowReader.Open(stream, schema, options);
        var rows = new List<ReadRow>();
        var row = new RawRow(schema.Count);
        while (reader.ReadRow(row))
        {
            var values = new Dictionary<string, string>();
            for (var i = 0; i < schema.Count; i++)
            {
                if (row.Has(i))
                {
                    values[schema.Names[i]] = Encoding.UTF8.GetString(row.Get(i));
                }
            }

            rows.Add(new ReadRow(row.Line, values, row.ErrorField, row.ErrorReason));
        }

        return new ReadRows(rows, [.. reader.Warnings], reader.IsEmpty);
    }
}
