using System.Text;
using System.Text.Json;
using Distill.GraphQL.Http;

namespace Distill.GraphQL.Tests.Http;

public sealed class SegmentedBufferWriterTests
{
    [TestCase(10)]
    [TestCase(5_000)]
    [TestCase(200_000)]
    public void ShouldHoldExactlyWhatAJsonWriterWroteAcrossSegments(int items)
    {
        using var buffer = new SegmentedBufferWriter();
        var expected = new MemoryStream();
        foreach (var output in new object[] { buffer, expected })
        {
            using var writer = output is SegmentedBufferWriter b ? new Utf8JsonWriter(b) : new Utf8JsonWriter((Stream)output);
            writer.WriteStartArray();
            for (var i = 0; i < items; i++)
            {
                writer.WriteStringValue("item-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            writer.WriteEndArray();
        }

        Assert.That(buffer.WrittenCount, Is.EqualTo(expected.Length));
        Assert.That(buffer.ToArray(), Is.EqualTo(expected.ToArray()));
    }

    [Test]
    public void ShouldGiveAtLeastTheRequestedSizeEvenAboveOneSegment()
    {
        using var buffer = new SegmentedBufferWriter();
        var span = buffer.GetSpan(200_000);
        Assert.That(span.Length, Is.GreaterThanOrEqualTo(200_000));
        Encoding.ASCII.GetBytes("abc", span);
        buffer.Advance(3);
        Assert.That(buffer.ToArray(), Is.EqualTo("abc"u8.ToArray()));
        Assert.Throws<InvalidOperationException>(() => buffer.Advance(buffer.GetSpan().Length + 1));
    }
}
