using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Application.Ingestion.Validation;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing.Streams;

namespace Distill.Attribution.Application.Tests.Ingestion.Reading;

public sealed class StreamingMemoryTests
{
    [Test]
    public void ShouldKeepLiveMemoryFlatWhileParsingTwoHundredMegabytes()
    {
        const long Rows = 1_700_000; // ~200 MB of CSV at ~120 bytes per row
        using var stream = new SyntheticRequestsStream(Rows);
        var schema = RecordSchema.For(RecordKind.Requests);
        using var reader = CsvRowReader.Open(stream, schema, new ReaderOptions());
        var converter = new RowConverter(RecordKind.Requests);
        var row = new RawRow(schema.Count);
        long read = 0, accepted = 0;
        var live = new List<long>();
        var bytesAtCheckpoint = new List<long>();
        while (reader.ReadRow(row))
        {
            read++;
            if (converter.TryConvert(row, out _, out _, out _))
            {
                accepted++;
            }

            if (read % 340_000 == 0)
            {
                // A full collection: what is left is what the reader and converter really hold.
                live.Add(GC.GetTotalMemory(forceFullCollection: true));
                bytesAtCheckpoint.Add(read * 120);
            }
        }

        Assert.That((read, accepted), Is.EqualTo((Rows, Rows)));
        TestContext.Out.WriteLine($"live heap at checkpoints (MB): {string.Join(", ", live.Select(b => (b / 1048576.0).ToString("F1")))}");
        Assert.That(live[^1] - live[0], Is.LessThan(8L * 1024 * 1024), "live memory must not grow with the bytes read");
    }
}
