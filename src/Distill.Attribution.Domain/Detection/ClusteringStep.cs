using Distill.Attribution.Graph.Csr;

namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// The clustering algorithm, injected: a label per node of the evidence graph (Leiden with CPM in
/// production, connected components in tests). Must be deterministic for a given graph and parameters, and stop
/// with <see cref="OperationCanceledException"/> soon after <paramref name="cancellationToken"/> fires.
/// </summary>
public delegate int[] ClusteringStep(CsrGraph graph, DetectionParameters parameters, CancellationToken cancellationToken);
