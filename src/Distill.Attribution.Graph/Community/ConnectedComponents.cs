using Distill.Attribution.Graph.Csr;

namespace Distill.Attribution.Graph.Community;

/// <summary>Weakly connected components (the graph is undirected, so weakly = plain connectivity).</summary>
public static class ConnectedComponents
{
    /// <summary>
    /// Component id of every node. Ids are 0..k-1 numbered in order of each component's smallest node,
    /// so the result does not depend on edge order.
    /// </summary>
    public static int[] Compute(CsrGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        var component = new int[n];
        Array.Fill(component, -1);
        var stack = new int[Math.Max(1, n)];
        var next = 0;
        for (var start = 0; start < n; start++)
        {
            if (component[start] >= 0)
            {
                continue;
            }

            var top = 0;
            stack[top++] = start;
            component[start] = next;
            while (top > 0)
            {
                var u = stack[--top];
                foreach (var v in graph.Neighbors(u))
                {
                    if (component[v] < 0)
                    {
                        component[v] = next;
                        stack[top++] = v;
                    }
                }
            }

            next++;
        }

        return component;
    }
}
