using Distill.Attribution.Application.Ingestion.Validation;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Tests.Ingestion.Validation;

/// <summary>Every contract rule of every validator, each with a passing and a failing value.</summary>
public sealed class RecordValidatorTests
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789ABCDEF";
    private const string Card = "4111 1111 1111 1111";

    private static readonly Dictionary<RecordKind, Dictionary<string, string?>> ValidRows = new()
    {
        [RecordKind.Accounts] = new()
        {
            ["account_id"] = "acct-1",
            ["created_at"] = "2026-01-05T13:04:11Z",
            ["email_domain"] = "Example.org",
            ["email_hash"] = Hash,
            ["display_name"] = "A",
            ["org_name"] = "Org",
            ["access_pathway"] = "education",
            ["country"] = "de",
            ["status"] = "active",
        },
        [RecordKind.Payments] = new()
        {
            ["account_id"] = "acct-1",
            ["instrument_fingerprint"] = "fp_9f2c",
            ["kind"] = "card",
            ["bin"] = "424242",
            ["issuer_country"] = "US",
            ["first_seen"] = "2026-01-05T14:04:11.250+01:00",
        },
        [RecordKind.Sessions] = new()
        {
            ["account_id"] = "acct-1",
            ["ip"] = "203.0.113.7",
            ["seen_at"] = "2026-01-05T13:04:11Z",
            ["asn"] = "64500",
            ["asn_org"] = "Example",
            ["ip_type"] = "datacenter",
        },
        [RecordKind.Requests] = new()
        {
            ["request_id"] = "req-1",
            ["account_id"] = "acct-1",
            ["ts"] = "2026-01-05T13:04:11.123Z",
            ["model"] = "m-1",
            ["capability"] = "reasoning_cot",
            ["prompt_fingerprint"] = "pf",
            ["ip"] = "2001:db8::1",
            ["client"] = "sdk/1",
            ["input_tokens"] = "0",
            ["output_tokens"] = "12",
        },
        [RecordKind.Releases] = new() { ["model"] = "m-1", ["released_at"] = "2026-01-05T00:00:00Z" },
        [RecordKind.Indicators] = new()
        {
            ["operator_id"] = "op-a",
            ["operator_name"] = "Lab",
            ["kind"] = "ip",
            ["value"] = "203.0.113.7",
            ["confidence"] = "0.9",
            ["source"] = "peer",
        },
    };

    private static readonly string Long129 = new('a', 129);
    private static readonly string Long128 = new('a', 128);

    /// <summary>(kind, field, value, expected reason or null when it must pass).</summary>
    private static IEnumerable<TestCaseData> Cases()
    {
        static TestCaseData C(RecordKind kind, string field, string? value, string? reason) =>
            new TestCaseData(kind, field, value, reason).SetName($"{kind}.{field}={(value is null ? "null" : value.Length > 20 ? value[..20] + "..." : value)} -> {reason ?? "ok"}");

        // accounts
        yield return C(RecordKind.Accounts, "account_id", null, FieldMessages.Required);
        yield return C(RecordKind.Accounts, "account_id", Long129, FieldMessages.Length1To128);
        yield return C(RecordKind.Accounts, "account_id", Long128, null);
        yield return C(RecordKind.Accounts, "created_at", null, FieldMessages.Required);
        yield return C(RecordKind.Accounts, "created_at", "2026-01-05 13:04:11+00:00", null);
        yield return C(RecordKind.Accounts, "created_at", "2026-01-05T13:04:11", FieldMessages.TimestampWithoutOffset);
        yield return C(RecordKind.Accounts, "created_at", "2026-02-30T13:04:11Z", FieldMessages.Timestamp);
        yield return C(RecordKind.Accounts, "created_at", "yesterday", FieldMessages.Timestamp);
        yield return C(RecordKind.Accounts, "email_hash", Hash[..63], FieldMessages.EmailHash);
        yield return C(RecordKind.Accounts, "email_hash", Hash[..63] + "g", FieldMessages.EmailHash);
        yield return C(RecordKind.Accounts, "email_hash", null, null);
        yield return C(RecordKind.Accounts, "access_pathway", null, FieldMessages.Required);
        yield return C(RecordKind.Accounts, "access_pathway", "Education", FieldMessages.Enum<AccessPathway>());
        yield return C(RecordKind.Accounts, "access_pathway", "startup_program", null);
        yield return C(RecordKind.Accounts, "country", "DEU", FieldMessages.Country);
        yield return C(RecordKind.Accounts, "country", "d1", FieldMessages.Country);
        yield return C(RecordKind.Accounts, "status", "banned", FieldMessages.Enum<AccountStatus>());
        yield return C(RecordKind.Accounts, "status", null, null);

        // payments
        yield return C(RecordKind.Payments, "account_id", null, FieldMessages.Required);
        yield return C(RecordKind.Payments, "instrument_fingerprint", null, FieldMessages.Required);
        yield return C(RecordKind.Payments, "instrument_fingerprint", Long129, FieldMessages.Length1To128);
        yield return C(RecordKind.Payments, "instrument_fingerprint", Card, FieldMessages.CardNumber);
        yield return C(RecordKind.Payments, "instrument_fingerprint", "4111-1111-1111-1111", FieldMessages.CardNumber);
        yield return C(RecordKind.Payments, "instrument_fingerprint", "378282246310005", FieldMessages.CardNumber);
        yield return C(RecordKind.Payments, "instrument_fingerprint", "4111111111111112", null); // fails Luhn: an opaque number
        yield return C(RecordKind.Payments, "instrument_fingerprint", "411111111111", null); // 12 digits
        yield return C(RecordKind.Payments, "kind", "cash", FieldMessages.Enum<PaymentKind>());
        yield return C(RecordKind.Payments, "bin", "12345", FieldMessages.Bin);
        yield return C(RecordKind.Payments, "bin", "123456789", FieldMessages.Bin);
        yield return C(RecordKind.Payments, "bin", "12345678", null);
        yield return C(RecordKind.Payments, "bin", "12a456", FieldMessages.Bin);
        yield return C(RecordKind.Payments, "issuer_country", "USA", FieldMessages.Country);
        yield return C(RecordKind.Payments, "first_seen", null, FieldMessages.Required);
        yield return C(RecordKind.Payments, "first_seen", "2026-01-05T13:04:11+0100", FieldMessages.Timestamp);

        // sessions
        yield return C(RecordKind.Sessions, "ip", null, FieldMessages.Required);
        yield return C(RecordKind.Sessions, "ip", "2001:db8::7", null);
        yield return C(RecordKind.Sessions, "ip", "::ffff:203.0.113.7", null);
        yield return C(RecordKind.Sessions, "ip", "203.0.113.256", FieldMessages.Ip);
        yield return C(RecordKind.Sessions, "ip", "1", FieldMessages.Ip);
        yield return C(RecordKind.Sessions, "ip", "010.0.0.1", FieldMessages.Ip);
        yield return C(RecordKind.Sessions, "ip", "fe80::1%eth0", FieldMessages.Ip);
        yield return C(RecordKind.Sessions, "ip", "2001:db8::1::2", FieldMessages.Ip);
        yield return C(RecordKind.Sessions, "seen_at", "2026-01-05T25:04:11Z", FieldMessages.Timestamp);
        yield return C(RecordKind.Sessions, "asn", "AS64500", FieldMessages.Integer);
        yield return C(RecordKind.Sessions, "asn", "-1", FieldMessages.NonNegative);
        yield return C(RecordKind.Sessions, "ip_type", "satellite", FieldMessages.Enum<IpType>());

        // requests
        yield return C(RecordKind.Requests, "request_id", null, FieldMessages.Required);
        yield return C(RecordKind.Requests, "account_id", null, FieldMessages.Required);
        yield return C(RecordKind.Requests, "ts", "2026-01-05T13:04:11.123", FieldMessages.TimestampWithoutOffset);
        yield return C(RecordKind.Requests, "ts", "1767618251", FieldMessages.Timestamp);
        yield return C(RecordKind.Requests, "model", null, FieldMessages.Required);
        yield return C(RecordKind.Requests, "ip", "not-an-ip", FieldMessages.Ip);
        yield return C(RecordKind.Requests, "input_tokens", "-5", FieldMessages.NonNegative);
        yield return C(RecordKind.Requests, "input_tokens", "1.5", FieldMessages.Integer);
        yield return C(RecordKind.Requests, "output_tokens", "+5", FieldMessages.Integer);
        yield return C(RecordKind.Requests, "output_tokens", "-1", FieldMessages.NonNegative);
        yield return C(RecordKind.Requests, "output_tokens", null, null);

        // releases
        yield return C(RecordKind.Releases, "model", null, FieldMessages.Required);
        yield return C(RecordKind.Releases, "released_at", "2026-01-05", FieldMessages.Timestamp);

        // indicators
        yield return C(RecordKind.Indicators, "operator_id", null, FieldMessages.Required);
        yield return C(RecordKind.Indicators, "kind", "phone", FieldMessages.Enum<IndicatorKind>());
        yield return C(RecordKind.Indicators, "value", null, FieldMessages.Required);
        yield return C(RecordKind.Indicators, "value", "203.0.113.300", FieldMessages.Ip);
        yield return C(RecordKind.Indicators, "confidence", "1.5", FieldMessages.Confidence);
        yield return C(RecordKind.Indicators, "confidence", "-0.1", FieldMessages.Confidence);
        yield return C(RecordKind.Indicators, "confidence", "NaN", FieldMessages.Confidence);
        yield return C(RecordKind.Indicators, "confidence", "1", null);
        yield return C(RecordKind.Indicators, "confidence", null, null);
    }

    /// <summary>Indicator values checked by kind: (kind, value, expected reason or null).</summary>
    private static IEnumerable<TestCaseData> IndicatorValueCases()
    {
        yield return new TestCaseData("cidr", "203.0.113.0/24", null);
        yield return new TestCaseData("cidr", "2001:db8::/32", null);
        yield return new TestCaseData("cidr", "203.0.113.0/33", FieldMessages.Cidr);
        yield return new TestCaseData("cidr", "203.0.113.0", FieldMessages.Cidr);
        yield return new TestCaseData("asn", "AS64500", null);
        yield return new TestCaseData("asn", "64500", null);
        yield return new TestCaseData("asn", "ASX", FieldMessages.Asn);
        yield return new TestCaseData("email_hash", Hash, null);
        yield return new TestCaseData("email_hash", "abc", FieldMessages.EmailHash);
        yield return new TestCaseData("payment_fingerprint", Card, FieldMessages.CardNumber);
        yield return new TestCaseData("payment_fingerprint", "fp_1", null);
        yield return new TestCaseData("account_id", Long129, FieldMessages.Length1To128);
        yield return new TestCaseData("ip", "2001:DB8::1", null);
        yield return new TestCaseData("client", "any text", null);
    }

    [Test]
    public void ShouldAcceptEachValidRow([Values] RecordKind kind)
    {
        var ok = RowConverter.TryConvert(RawRecord.From(kind, ValidRows[kind]), out var record, out var field, out var reason);
        Assert.That(ok, Is.True, $"{field}: {reason}");
        Assert.That(record, Is.Not.Null);
    }

    [TestCaseSource(nameof(Cases))]
    public void ShouldApplyTheContractRule(RecordKind kind, string field, string? value, string? reason)
    {
        var row = new Dictionary<string, string?>(ValidRows[kind]) { [field] = value };
        var ok = RowConverter.TryConvert(RawRecord.From(kind, row), out _, out var failedField, out var failedReason);
        if (reason is null)
        {
            Assert.That(ok, Is.True, $"{failedField}: {failedReason}");
        }
        else
        {
            Assert.That(ok, Is.False);
            Assert.That((failedField, failedReason), Is.EqualTo((field, reason)));
        }
    }

    [TestCaseSource(nameof(IndicatorValueCases))]
    public void ShouldCheckAnIndicatorValueByKind(string kind, string value, string? reason)
    {
        // An ASN indicator may not carry more than RecordLimits.MaxAsnConfidence (checked by ShouldRefuseOverBroadIndicators).
        var row = new Dictionary<string, string?>(ValidRows[RecordKind.Indicators]) { ["kind"] = kind, ["value"] = value, ["confidence"] = kind == "asn" ? "0.4" : "0.9" };
        var ok = RowConverter.TryConvert(RawRecord.From(RecordKind.Indicators, row), out _, out var failedField, out var failedReason);
        Assert.That(ok, Is.EqualTo(reason is null), $"{failedField}: {failedReason}");
        if (reason is not null)
        {
            Assert.That((failedField, failedReason), Is.EqualTo(("value", reason)));
        }
    }

    [Test]
    public void ShouldNameTheAllowedValuesOfAnEnum() =>
        Assert.That(FieldMessages.Enum<AccessPathway>(), Is.EqualTo("unknown value; expected one of: self_serve, education, security_research, startup_program, enterprise, reseller, other"));

    [Test]
    public void ShouldNormaliseWhatTheContractLeavesOpen()
    {
        RowConverter.TryConvert(RawRecord.From(RecordKind.Accounts, ValidRows[RecordKind.Accounts]), out var account, out _, out _);
        var a = (AccountRecord)account!;
        Assert.That((a.EmailDomain, a.EmailHash, a.Country, a.AccessPathway, a.Status), Is.EqualTo(("example.org", Hash.ToLowerInvariant(), "DE", AccessPathway.Education, (AccountStatus?)AccountStatus.Active)));

        RowConverter.TryConvert(RawRecord.From(RecordKind.Payments, ValidRows[RecordKind.Payments]), out var payment, out _, out _);
        Assert.That(((PaymentRecord)payment!).FirstSeen, Is.EqualTo(new DateTimeOffset(2026, 1, 5, 13, 4, 11, 250, TimeSpan.Zero)));
        Assert.That(((PaymentRecord)payment!).FirstSeen.Offset, Is.EqualTo(TimeSpan.Zero));

        var ipv6 = new Dictionary<string, string?>(ValidRows[RecordKind.Requests]) { ["ip"] = "2001:DB8:0:0:0:0:0:1" };
        RowConverter.TryConvert(RawRecord.From(RecordKind.Requests, ipv6), out var request, out _, out _);
        Assert.That(((RequestRecord)request!).Ip, Is.EqualTo("2001:db8::1"));

        var noConfidence = new Dictionary<string, string?>(ValidRows[RecordKind.Indicators]) { ["confidence"] = null, ["kind"] = "asn", ["value"] = "AS64500" };
        RowConverter.TryConvert(RawRecord.From(RecordKind.Indicators, noConfidence), out var indicator, out _, out _);
        Assert.That(((IndicatorRecord)indicator!).Confidence, Is.EqualTo(0.5));
        Assert.That(((IndicatorRecord)indicator!).Value, Is.EqualTo("64500"));
    }

    [Test]
    public void ShouldNeverPutTheValueInAnyReason()
    {
        foreach (var kind in Enum.GetValues<RecordKind>())
        {
            foreach (var field in ValidRows[kind].Keys)
            {
                const string Marker = "4111 1111 1111 1111 zz";
                var row = new Dictionary<string, string?>(ValidRows[kind]) { [field] = Marker };
                if (!RowConverter.TryConvert(RawRecord.From(kind, row), out _, out _, out var reason))
                {
                    Assert.That(reason, Does.Not.Contain("4111").And.Not.Contain("zz"), $"{kind}.{field}");
                }
            }
        }
    }
}
