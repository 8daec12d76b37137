namespace Distill.Attribution.Graph.Community;

/// <summary>The quality function Leiden maximises.</summary>
public enum LeidenQuality
{
    /// <summary>
    /// Newman–Girvan modularity with a resolution γ: Σ_c [e_c / m − γ (K_c / 2m)²]. Has a resolution limit:
    /// at γ = 1 communities much smaller than √(2m) tend to be merged into their neighbours.
    /// </summary>
    Modularity,

    /// <summary>
    /// Constant Potts model: Σ_c [e_c − γ n_c (n_c − 1) / 2], with n_c the number of nodes of c. Free of the
    /// resolution limit: a community is kept when its internal density exceeds γ, whatever the graph's size.
    /// </summary>
    Cpm,
}
