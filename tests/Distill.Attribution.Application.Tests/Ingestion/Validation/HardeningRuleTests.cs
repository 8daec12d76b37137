using System.Text;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Application.Ingestion.Validation;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Tests.Ingestion.Validation;

/// <summary>
/// Issue 17, items 4, 9, 10 and 17: card numbers however written and wherever placed, NUL characters,
/// implausible timestamps, ASN range, over-broad indicators and IPv4-mapped IPv6 addresses.
/// </summary>
public sealed class HardeningRuleTests
{
    private const string Pan = "4111111111111111";

    private static readonly Dictionary<RecordKind, string> Headers = new()
    {
        [RecordKind.Accounts] = "account_id,created_at,email_domain,display_name,org_name,access_pathway",
        [RecordKind.Payments] = "account_id,instrument_fingerprint,first_seen",
        [RecordKind.Sessions] = "account_id,ip,seen_at,asn,asn_org",
        [RecordKind.Requests] = "request_id,account_id,ts,model,capability,prompt_fingerprint,client",
        [RecordKind.Releases] = "model,released_at",
        [RecordKind.Indicators] = "operator_id,operator_name,kind,value,confidence,source",
    };

    private static readonly Dictionary<RecordKind, string[]> Rows = new()
    {
        [RecordKind.Accounts] = ["acct-1", "2026-01-05T13:04:11Z", "example.org", "Ann", "Org", "self_serve"],
        [RecordKind.Payments] = ["acct-1", "fp-1", "2026-01-05T13:04:11Z"],
        [RecordKind.Sessions] = ["acct-1", "203.0.113.7", "2026-01-05T13:04:11Z", "64500", "Example Net"],
        [RecordKind.Requests] = ["req-1", "acct-1", "2026-01-05T13:04:11Z", "m-1", "chat", "pf-1", "sdk/1"],
        [RecordKind.Releases] = ["m-1", "2026-01-05T13:04:11Z"],
        [RecordKind.Indicators] = ["op-a", "Lab", "client", "harness/1", "0.9", "peer"],
    };

    private static IEnumerable<TestCaseData> PanSpellings()
    {
        yield return new TestCaseData("4111\u00a01111\u00a01111\u00a01111").SetName("NBSP");
        yield return new TestCaseData("4111\t1111\t1111\t1111").SetName("tab");
        yield return new TestCaseData("4111.1111.1111.1111").SetName("dots");
        yield return new TestCaseData("4111/1111/1111/1111").SetName("slashes");
        yield return new TestCaseData("4111_1111_1111_1111").SetName("underscores");
        yield return new TestCaseData("4111,1111,1111,1111").SetName("commas");
        yield return new TestCaseData("4111 - 1111 - 1111 - 1111").SetName("spaced dashes");
        yield return new TestCaseData("\uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11").SetName("full-width");
        yield return new TestCaseData("\u0664\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661").SetName("Arabic-Indic");
        yield return new TestCaseData("\u06f4\u06f1\u06f1\u06f1 \u06f1\u06f1\u06f1\u06f1 \u06f1\u06f1\u06f1\u06f1 \u06f1\u06f1\u06f1\u06f1").SetName("Extended Arabic-Indic grouped");
        yield return new TestCaseData("4111\u200b1111\u200b1111\u200b1111").SetName("zero-width spaces");
        yield return new TestCaseData("4111\u20131111\u20131111\u20131111").SetName("en dashes");
        yield return new TestCaseData("card:" + Pan).SetName("card: prefix");
        yield return new TestCaseData("ref 12 4111 1111 1111 1111 end").SetName("inside text after a short number");
        yield return new TestCaseData("378282246310005").SetName("Amex 15 digits");
    }

    private static IEnumerable<TestCaseData> NotPans()
    {
        yield return new TestCaseData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789ABCDEF").SetName("hex hash");
        yield return new TestCaseData("3f2a1111111111111111b9").SetName("digits glued to hex letters");
        yield return new TestCaseData("4111111111111112").SetName("fails Luhn");
        yield return new TestCaseData("411111111111").SetName("12 digits");
        yield return new TestCaseData("2026-01-05T13:04:11.123456Z").SetName("timestamp");
        yield return new TestCaseData("10.0.0.1, 10.0.0.2").SetName("two IPs");
        yield return new TestCaseData("41111111111111111111111").SetName("23-digit id");
        yield return new TestCaseData("req-000000000123").SetName("short padded id");
    }

    [TestCaseSource(nameof(PanSpellings))]
    public void ShouldFindACardNumberHoweverItIsWritten(string value)
    {
        Assert.That(CardNumbers.Contains(value.AsSpan()), Is.True);
        Assert.That(CardNumbers.Contains(Encoding.UTF8.GetBytes(value)), Is.True, "the UTF-8 path agrees");
    }

    [TestCaseSource(nameof(NotPans))]
    public void ShouldNotTakeOrdinaryValuesForCardNumbers(string value)
    {
        Assert.That(CardNumbers.Contains(value.AsSpan()), Is.False);
        Assert.That(CardNumbers.Contains(Encoding.UTF8.GetBytes(value)), Is.False);
    }

    /// <summary>Every text field of every kind, CSV and JSON Lines, fast and slow request paths.</summary>
    [Test]
    public void ShouldRejectACardNumberInEveryFieldOfEveryKindWithoutEchoingIt([Values] RecordKind kind, [Values] bool json, [Values] bool fastPath)
    {
        var names = Headers[kind].Split(',');
        for (var f = 0; f < names.Length; f++)
        {
            var values = (string[])Rows[kind].Clone();
            values[f] = "card:\u00a04111\u00a01111\u00a01111\u00a01111";
            var (ok, field, reason) = Convert(kind, names, values, json, fastPath);
            Assert.That(ok, Is.False, $"{kind}.{names[f]}");
            Assert.That(field, Is.EqualTo(names[f]));
            Assert.That(reason, Is.EqualTo(FieldMessages.CardNumber));
            Assert.That(reason, Does.Not.Contain("1111"));
        }
    }

    [Test]
    public void ShouldRejectACardNumberSentAsAJsonNumber()
    {
        var line = "{\"request_id\":" + Pan + ",\"account_id\":\"a\",\"ts\":\"2026-01-05T13:04:11Z\",\"model\":\"m\"}\n";
        var (ok, field, reason) = ConvertLine(RecordKind.Requests, line, InputFormat.JsonLines, fastPath: true);
        Assert.That((ok, field, reason), Is.EqualTo((false, "request_id", FieldMessages.CardNumber)));
    }

    [Test]
    public void ShouldNeverEchoACardNumberUsedAsAColumnOrKeyName()
    {
        var csv = RowReadingHelper.Csv(Headers[RecordKind.Releases] + ",4111 1111 1111 1111\nm,2026-01-05T13:04:11Z,x\n");
        Assert.That(string.Join("\n", csv), Does.Not.Contain("1111"));
        var jsonl = RowReadingHelper.Jsonl("{\"model\":\"m\",\"released_at\":\"2026-01-05T13:04:11Z\",\"4111-1111-1111-1111\":1}\n");
        Assert.That(string.Join("\n", jsonl), Does.Not.Contain("1111"));
        Assert.That(jsonl, Has.Count.EqualTo(1), "the unknown key is still reported, without its name");
    }

    [Test]
    public void ShouldRejectANulCharacterInAnId([Values] bool json, [Values] bool fastPath)
    {
        var values = (string[])Rows[RecordKind.Requests].Clone();
        values[0] = "req\u00001";
        var (ok, field, reason) = Convert(RecordKind.Requests, Headers[RecordKind.Requests].Split(','), values, json, fastPath);
        Assert.That((ok, field, reason), Is.EqualTo((false, "request_id", FieldMessages.Nul)));
    }

    [TestCase("0001-01-01T00:00:00Z", false)]
    [TestCase("9999-12-31T23:59:59Z", false)]
    [TestCase("1999-12-31T23:59:59Z", false)]
    [TestCase("2000-01-01T00:00:00Z", true)]
    [TestCase("2099-12-31T23:59:59Z", true)]
    [TestCase("2100-01-01T00:00:00Z", false)]
    public void ShouldRejectImplausibleTimestampsOnEveryKind(string ts, bool accepted)
    {
        foreach (var kind in new[] { RecordKind.Accounts, RecordKind.Payments, RecordKind.Sessions, RecordKind.Requests, RecordKind.Releases })
        {
            var names = Headers[kind].Split(',');
            var values = (string[])Rows[kind].Clone();
            values[Array.FindIndex(names, n => n is "created_at" or "first_seen" or "seen_at" or "ts" or "released_at")] = ts;
            foreach (var fast in new[] { true, false })
            {
                var (ok, field, reason) = Convert(kind, names, values, json: false, fast);
                Assert.That(ok, Is.EqualTo(accepted), $"{kind} {ts}: {field} {reason}");
                if (!accepted)
                {
                    Assert.That(reason, Does.StartWith("timestamp outside the plausible range 2000-01-01T00:00:00Z to 2100-01-01T00:00:00Z"));
                }
            }
        }
    }

    [Test]
    public void ShouldTakeTheTimestampRangeFromTheLimits()
    {
        var limits = new RecordLimits { EarliestTimestamp = new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        var raw = RawRecord.From(RecordKind.Releases, new Dictionary<string, string?> { ["model"] = "m", ["released_at"] = "1995-06-01T00:00:00Z" });
        Assert.That(RowConverter.TryConvert(raw, limits, out _, out _, out _), Is.True);
        Assert.That(RowConverter.TryConvert(raw, out _, out _, out _), Is.False, "the default range starts in 2000");
    }

    [TestCase("4294967295", null)]
    [TestCase("4294967296", "must be an AS number in 0-4294967295")]
    [TestCase("99999999999", "must be an AS number in 0-4294967295")]
    public void ShouldKeepSessionAsnsInTheirRange(string asn, string? reason)
    {
        var values = (string[])Rows[RecordKind.Sessions].Clone();
        values[3] = asn;
        var (ok, field, why) = Convert(RecordKind.Sessions, Headers[RecordKind.Sessions].Split(','), values, json: false, fastPath: true);
        Assert.That(ok, Is.EqualTo(reason is null));
        if (reason is not null)
        {
            Assert.That((field, why), Is.EqualTo(("asn", reason)));
        }
    }

    [TestCase("cidr", "0.0.0.0/0", "0.9", "value")]
    [TestCase("cidr", "::/0", "0.3", "value")]
    [TestCase("cidr", "10.0.0.0/8", "0.9", "value")]
    [TestCase("cidr", "2001:db8::/16", "0.9", "value")]
    [TestCase("cidr", "198.51.0.0/16", "0.9", null)]
    [TestCase("cidr", "2001:db8::/32", "0.9", null)]
    [TestCase("asn", "AS64500", "1.0", "confidence")]
    [TestCase("asn", "AS64500", "0.5", "confidence")]
    [TestCase("asn", "AS64500", "0.49", null)]
    [TestCase("asn", "AS4294967296", "0.3", "value")]
    public void ShouldRefuseOverBroadIndicators(string kind, string value, string confidence, string? failedField)
    {
        var values = new[] { "op-a", "Lab", kind, value, confidence, "peer" };
        var (ok, field, reason) = Convert(RecordKind.Indicators, Headers[RecordKind.Indicators].Split(','), values, json: false, fastPath: true);
        Assert.That(ok, Is.EqualTo(failedField is null), $"{field}: {reason}");
        Assert.That(field, Is.EqualTo(failedField));
    }

    [Test]
    public void ShouldStoreAnIpv4MappedIpv6AddressAsIpv4([Values] bool fastPath)
    {
        var names = "request_id,account_id,ts,model,ip".Split(',');
        var csv = string.Join(",", names) + "\nr1,a1,2026-01-05T13:04:11Z,m,::ffff:1.2.3.4\n";
        var record = ConvertRecord(RecordKind.Requests, csv, fastPath) as RequestRecord;
        Assert.That(record!.Ip, Is.EqualTo("1.2.3.4"));
        var session = ConvertRecord(RecordKind.Sessions, "account_id,ip,seen_at\na1,::FFFF:1.2.3.4,2026-01-05T13:04:11Z\n", fastPath) as SessionRecord;
        Assert.That(session!.Ip, Is.EqualTo("1.2.3.4"));
    }

    private static (bool Ok, string? Field, string? Reason) Convert(RecordKind kind, string[] names, string[] values, bool json, bool fastPath)
    {
        if (json)
        {
            var line = "{" + string.Join(",", names.Select((n, i) => $"\"{n}\":\"{Escape(values[i])}\"")) + "}\n";
            return ConvertLine(kind, line, InputFormat.JsonLines, fastPath);
        }

        var csv = string.Join(",", names) + "\n" + string.Join(",", values.Select(v => "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")) + "\n";
        return ConvertLine(kind, csv, InputFormat.Csv, fastPath);
    }

    private static string Escape(string value)
    {
        var builder = new StringBuilder();
        foreach (var ch in value)
        {
            builder.Append(ch < 0x20 ? $"\\u{(int)ch:x4}" : ch == '"' ? "\\\"" : ch.ToString());
        }

        return builder.ToString();
    }

    private static (bool Ok, string? Field, string? Reason) ConvertLine(RecordKind kind, string text, InputFormat format, bool fastPath)
    {
        var schema = RecordSchema.For(kind);
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        using IRowReader reader = format == InputFormat.Csv ? CsvRowReader.Open(stream, schema, new ReaderOptions()) : JsonLinesRowReader.Open(stream, schema, new ReaderOptions());
        var row = new RawRow(schema.Count);
        Assert.That(reader.ReadRow(row), Is.True);
        var ok = new RowConverter(kind, fastPath).TryConvert(row, out _, out var field, out var reason);
        return (ok, field, reason);
    }

    private static object? ConvertRecord(RecordKind kind, string csv, bool fastPath)
    {
        var schema = RecordSchema.For(kind);
        using var reader = CsvRowReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv)), schema, new ReaderOptions());
        var row = new RawRow(schema.Count);
        Assert.That(reader.ReadRow(row), Is.True);
        var ok = new RowConverter(kind, fastPath).TryConvert(row, out var record, out var field, out var reason);
        Assert.That(ok, Is.True, $"{field}: {reason}");
        return record;
    }

    /// <summary>The warnings of reading a file, for checks that nothing secret is echoed.</summary>
    private static class RowReadingHelper
    {
        public static List<string> Csv(string text) => Reading.RowReading.Csv(text, RecordKind.Releases).Warnings;

        public static List<string> Jsonl(string text) => Reading.RowReading.Jsonl(text, RecordKind.Releases).Warnings;
    }
}
