using System.Globalization;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Tests.TypeSystem;

public sealed class DateTimeSerializationTests
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    [Test]
    public void ShouldWriteTheSameTextAsTheCustomFormatString()
    {
        var random = new Random(17);
        var samples = new List<DateTime>
        {
            new(2026, 1, 5, 3, 0, 40, 414, DateTimeKind.Utc),
            new(2026, 1, 5, 3, 0, 40, DateTimeKind.Utc),
            new(1, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
            new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(1),
            new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(1_000_000),
        };
        for (var i = 0; i < 2_000; i++)
        {
            samples.Add(new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc));
        }

        foreach (var t in samples)
        {
            Assert.That(BuiltInScalars.FormatUtc(t), Is.EqualTo(t.ToString(Format, CultureInfo.InvariantCulture)), t.Ticks.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Test]
    public void ShouldSerializeOffsetsAsUtc()
    {
        var local = new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.FromHours(2));
        Assert.That(Types.DateTime.Serialize(local), Is.EqualTo("2026-03-01T23:30:00Z"));
    }
}
