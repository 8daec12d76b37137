using System.Text;
using Distill.Attribution.Graph.Csr;

namespace Distill.Attribution.Graph.Tests.Csr;

public sealed class EdgeListReaderTests
{
    [Test]
    public void ShouldReadEdgesWithAndWithoutWeights()
    {
        var graph = Read("0 1 2.5\n# a comment\n\n  1\t2\r\n3 3 0.5\n0 1 1e0\n2 0");
        Assert.That(graph.NodeCount, Is.EqualTo(4));
        Assert.That(graph.Neighbors(0).ToArray(), Is.EqualTo(Values.Of(1, 2)));
        Assert.That(graph.NeighborWeights(0).ToArray(), Is.EqualTo(Values.Of(3.5, 1.0)), "parallel edges merged");
        Assert.That(graph.Neighbors(3).ToArray(), Is.EqualTo(Values.Of(3)), "self-loop stored once");
        Assert.That(graph.NeighborWeights(3).ToArray(), Is.EqualTo(Values.Of(0.5)));
    }

    [Test]
    public void ShouldReadLinesAcrossBufferBoundaries()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 200_000; i++)
        {
            text.Append(i).Append(' ').Append(i + 1).Append(" 1\n");
        }

        var graph = Read(text.ToString());
        Assert.That(graph.NodeCount, Is.EqualTo(200_001));
        Assert.That(graph.Targets, Has.Length.EqualTo(400_000));
        Assert.That(graph.Neighbors(123_456).ToArray(), Is.EqualTo(Values.Of(123_455, 123_457)));
    }

    [TestCase("0 1 x\n")]
    [TestCase("0 -1 1\n")]
    [TestCase("0\n")]
    [TestCase("0 1 -2\n")]
    [TestCase("0 1 1 9\n")]
    [TestCase("01 1\n0 1x 1\n")]
    public void ShouldRejectMalformedLines(string text) =>
        Assert.That(() => Read(text), Throws.InstanceOf<FormatException>());

    [Test]
    public void ShouldReadAnEmptyFileAsAnEmptyGraph() => Assert.That(Read("").NodeCount, Is.Zero);

    private static CsrGraph Read(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return EdgeListReader.Read(stream);
    }
}
