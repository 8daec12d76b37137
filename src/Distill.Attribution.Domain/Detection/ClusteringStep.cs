using Distill.Attribution.Graph.Csr;

namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// The clustering algorithm, injected: a label per node of the evidence graph (Leiden with CPM in
/// production, connected components in tests). Must be deterministic for a given graph and parameters.
/// </summary>
public delegate int[] ClusteringStep(CsrGraph graph, DetectionParameters parameters);
