using System.Text;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Application.Ingestion.Validation;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Tests.Ingestion.Validation;

/// <summary>The fast request path must give exactly the verdicts and records of the FluentValidation path.</summary>
public sealed class RequestRowParserTests
{
    private static readonly string?[][] Candidates =
    [
        ["req-1", "req-2", "req-1", "r\u00e9q-3", null, "x,y", "a\"b"],
        ["acct-1", "acct-2", new string('a', 128), new string('a', 129), null, "\u00e9" + new string('b', 127), "\u00e9" + new string('b', 128)],
        ["2026-01-05T13:04:11Z", "2026-01-05T14:04:11.250+01:00", "2026-01-05T13:04:11", "2026-01-05T13:04:11.1234567891Z", "2026-13-05T13:04:11Z", "garbage", null, "2024-02-29T00:00:00-12:00", "0001-01-01T00:30:00+01:00"],
        ["m-1", "m-2", null, "mod\u00e8le"],
        ["reasoning_cot", null, "chat"],
        ["pf-1", null],
        ["203.0.113.7", "2001:DB8::1", "::1", "1.2.3", "300.1.1.1", "fe80::1%1", null, "01.2.3.4"],
        ["sdk/1", null],
        ["0", "12", "-3", "1.5", "+4", "999999999999999999", "9999999999999999999", null, "x"],
        ["0", "7", "-1", null, "1e3"],
    ];

    [Test]
    public void ShouldAgreeWithTheValidatorOnARandomCorpus()
    {
        var random = new Random(20260105);
        var csv = new StringBuilder(string.Join(",", RequestFields.Names)).Append('\n');
        const int Rows = 20_000;
        for (var i = 0; i < Rows; i++)
        {
            for (var f = 0; f < Candidates.Length; f++)
            {
                // Mostly valid values (the first two), so later fields get checked too.
                var options = Candidates[f];
                var value = random.Next(4) == 0 ? options[random.Next(options.Length)] : options[random.Next(Math.Min(2, options.Length))];
                if (f > 0)
                {
                    csv.Append(',');
                }

                csv.Append(Quote(value));
            }

            csv.Append('\n');
        }

        var schema = RecordSchema.For(RecordKind.Requests);
        using var reader = CsvRowReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), schema, new ReaderOptions());
        var fast = new RowConverter(RecordKind.Requests, useFastRequestPath: true);
        var slow = new RowConverter(RecordKind.Requests, useFastRequestPath: false);
        var row = new RawRow(schema.Count);
        int read = 0, accepted = 0;
        var rejectedFields = new HashSet<string>();
        while (reader.ReadRow(row))
        {
            read++;
            var fastOk = fast.TryConvert(row, out var fastRecord, out var fastField, out var fastReason);
            var slowOk = slow.TryConvert(row, out var slowRecord, out var slowField, out var slowReason);
            Assert.That((fastOk, fastField, fastReason), Is.EqualTo((slowOk, slowField, slowReason)), $"line {row.Line}");
            Assert.That(fastRecord, Is.EqualTo(slowRecord), $"line {row.Line}");
            if (fastOk)
            {
                accepted++;
            }
            else
            {
                rejectedFields.Add(fastField!);
            }
        }

        Assert.That(read, Is.EqualTo(Rows));
        Assert.That(accepted, Is.InRange(Rows / 10, Rows - (Rows / 10)), "the corpus mixes valid and invalid rows");
        Assert.That(rejectedFields, Is.SupersetOf(new List<string> { "request_id", "account_id", "ts", "model", "ip", "input_tokens", "output_tokens" }));
    }

    private static string Quote(string? value) =>
        value is null ? string.Empty
        : value.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
