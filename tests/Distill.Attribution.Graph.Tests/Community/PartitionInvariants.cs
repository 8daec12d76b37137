using Distill.Attribution.Graph.Community;
using Distill.Attribution.Graph.Csr;

namespace Distill.Attribution.Graph.Tests.Community;

/// <summary>Checks every partition Leiden returns must satisfy, whatever the graph.</summary>
internal static class PartitionInvariants
{
    /// <summary>
    /// Every node in exactly one community; ids dense 0..k-1 and numbered by each community's smallest node;
    /// every community connected; the reported count and quality match the membership.
    /// </summary>
    public static void AssertValid(CsrGraph graph, LeidenResult result, LeidenOptions options)
    {
        var membership = result.Membership;
        Assert.That(membership, Has.Length.EqualTo(graph.NodeCount), "one community id per node");
        var next = 0;
        var size = new int[graph.NodeCount];
        foreach (var id in membership)
        {
            Assert.That(id, Is.InRange(0, next), "ids dense and numbered in order of each community's smallest node");
            if (id == next)
            {
                next++;
            }

            size[id]++;
        }

        Assert.That(result.CommunityCount, Is.EqualTo(next), "community count");

        // Connected: a search inside each community from its smallest node reaches all its members.
        var reached = new bool[graph.NodeCount];
        var stack = new Stack<int>();
        var seen = new bool[next];
        for (var start = 0; start < graph.NodeCount; start++)
        {
            var c = membership[start];
            if (seen[c])
            {
                continue;
            }

            seen[c] = true;
            var count = 0;
            reached[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var u = stack.Pop();
                count++;
                foreach (var v in graph.Neighbors(u))
                {
                    if (!reached[v] && membership[v] == c)
                    {
                        reached[v] = true;
                        stack.Push(v);
                    }
                }
            }

            Assert.That(count, Is.EqualTo(size[c]), $"community {c} is connected");
        }

        if (graph.NodeCount > 0)
        {
            var quality = options.Quality == LeidenQuality.Modularity
                ? Modularity.Compute(graph, membership, options.Resolution)
                : ConstantPottsModel.Compute(graph, membership, options.Resolution);
            Assert.That(result.Quality, Is.EqualTo(double.IsNaN(quality) ? 0 : quality).Within(1e-9), "reported quality");
        }
    }
}
