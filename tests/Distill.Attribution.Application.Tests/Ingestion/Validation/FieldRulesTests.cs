using Distill.Attribution.Application.Ingestion.Validation;

namespace Distill.Attribution.Application.Tests.Ingestion.Validation;

public sealed class FieldRulesTests
{
    [TestCase("4111111111111111", true)]
    [TestCase("4111 1111 1111 1111", true)]
    [TestCase("4111-1111-1111-1111", true)]
    [TestCase("5500 0000 0000 0004", true)]
    [TestCase("6011000990139424", true)]
    [TestCase("4242424242424242428", true)]
    [TestCase("4111111111111112", false)]
    [TestCase("424242424242", false)]
    [TestCase("42424242424242424242", false)]
    [TestCase("fp_4111111111111111", false)]
    [TestCase("4111.1111.1111.1111", false)]
    public void ShouldRecogniseRawCardNumbers(string value, bool isCard) =>
        Assert.That(FieldRules.IsCardNumber(value), Is.EqualTo(isCard));

    [TestCase("2026-01-05T13:04:11Z", "2026-01-05T13:04:11.0000000+00:00")]
    [TestCase("2026-01-05t13:04:11z", "2026-01-05T13:04:11.0000000+00:00")]
    [TestCase("2026-01-05T14:04:11.250+01:00", "2026-01-05T13:04:11.2500000+00:00")]
    [TestCase("2026-01-05T08:04:11.123456789-05:00", "2026-01-05T13:04:11.1234567+00:00")]
    [TestCase("2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00.0000000+00:00")]
    public void ShouldParseRfc3339ToUtc(string text, string expected)
    {
        Assert.That(FieldRules.TryParseTimestamp(text, out var utc, out _), Is.True);
        Assert.That(utc.ToString("o"), Is.EqualTo(expected));
    }

    [TestCase("2026-01-05T13:04:11", true)]
    [TestCase("2026-01-05T13:04:11.5", true)]
    [TestCase("2026-01-05", false)]
    [TestCase("2026-01-05T13:04:11+01", false)]
    [TestCase("2026-01-05T13:04:60Z", false)]
    [TestCase("2026-01-05T13:04:11.Z", false)]
    [TestCase("2026-01-05T13:04:11Z ", false)]
    [TestCase("0001-01-01T00:00:00+01:00", false)]
    public void ShouldRejectBadTimestamps(string text, bool missingOffset)
    {
        Assert.That(FieldRules.TryParseTimestamp(text, out _, out var missing), Is.False);
        Assert.That(missing, Is.EqualTo(missingOffset));
    }

    [Test]
    public void ShouldAgreeWithDateTimeOnEveryFewDaysOfTheCalendar()
    {
        for (var day = new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc); day.Year < 9999; day = day.AddDays(3).AddSeconds(1))
        {
            var text = day.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
            Assert.That(FieldRules.TryParseTimestamp(text, out var utc, out _), Is.True, text);
            Assert.That(utc.UtcTicks, Is.EqualTo(day.Ticks), text);
        }

        Assert.That(FieldRules.TryParseTimestamp("2100-02-29T00:00:00Z", out _, out _), Is.False, "2100 is not a leap year");
        Assert.That(FieldRules.TryParseTimestamp("2000-02-29T00:00:00Z", out _, out _), Is.True, "2000 is");
    }
}
