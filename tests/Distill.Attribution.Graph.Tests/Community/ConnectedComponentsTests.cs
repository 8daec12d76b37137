using Distill.Attribution.Graph.Community;

namespace Distill.Attribution.Graph.Tests.Community;

public sealed class ConnectedComponentsTests
{
    [Test]
    public void ShouldNumberComponentsBySmallestNode()
    {
        var graph = NamedGraphs.FromEdges(7, (5, 6, 1), (0, 3, 1), (3, 4, 0), (2, 2, 1));
        Assert.That(ConnectedComponents.Compute(graph), Is.EqualTo(Values.Of(0, 1, 2, 0, 0, 3, 3)));
    }

    [Test]
    public void ShouldFindOneComponentForARing() =>
        Assert.That(ConnectedComponents.Compute(NamedGraphs.RingOfCliques(10, 4)), Is.All.Zero);
}
