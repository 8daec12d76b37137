using System.Text;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Synthetic.Tests;

// FsCheck supplies the arguments of a property; NUnit's analyzer only knows its own attributes.
#pragma warning disable NUnit1027

/// <summary>Property: what the generator's CSV writer writes, the ingest CSV reader reads back field for field.</summary>
public sealed class CsvRoundTripPropertyTests
{
    private static readonly RecordSchema Accounts = RecordSchema.For(RecordKind.Accounts);

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool ShouldReadBackEveryFieldTheWriterWrote(string[][] rows)
    {
        var expected = Normalise(rows);
        var path = Path.Combine(Path.GetTempPath(), $"distill-csv-prop-{Guid.NewGuid():N}.csv");
        try
        {
            using (var writer = new CsvTextWriter(path, Accounts.Names))
            {
                foreach (var row in expected)
                {
                    foreach (var field in row)
                    {
                        writer.Field(field);
                    }

                    writer.EndRow();
                }
            }

            var actual = new List<string[]>();
            using (var stream = File.OpenRead(path))
            using (var reader = CsvRowReader.Open(stream, Accounts, new ReaderOptions()))
            {
                var raw = new RawRow(Accounts.Count);
                while (reader.ReadRow(raw))
                {
                    if (raw.HasError)
                    {
                        return false;
                    }

                    actual.Add([.. Enumerable.Range(0, Accounts.Count).Select(slot => raw.Has(slot) ? Encoding.UTF8.GetString(raw.Get(slot)) : string.Empty)]);
                }
            }

            return actual.Count == expected.Count && actual.Zip(expected).All(p => p.First.SequenceEqual(p.Second, StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Rows of exactly the schema's width; null becomes empty (the writer writes both alike). Text is what UTF-8 can
    /// carry (a lone surrogate becomes U+FFFD on the way out, as any UTF-8 writer does), and NUL, which the reader
    /// refuses in any field (issue 17), is left out.
    /// </summary>
    private static List<string[]> Normalise(string[][]? rows)
    {
        var result = new List<string[]>();
        foreach (var row in rows ?? [])
        {
            var fields = new string[Accounts.Count];
            for (var i = 0; i < fields.Length; i++)
            {
                var value = row is not null && i < row.Length ? row[i] ?? string.Empty : string.Empty;
                value = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value)).Replace("\0", string.Empty, StringComparison.Ordinal);
                fields[i] = value;
            }

            result.Add(fields);
        }

        return result;
    }
}
