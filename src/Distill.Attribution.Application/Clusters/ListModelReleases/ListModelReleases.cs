using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Messaging;

namespace Distill.Attribution.Application.Clusters.ListModelReleases;

/// <summary>The model releases of the store, oldest first (marked on the workbench's timeline).</summary>
public sealed record ListModelReleasesQuery : IRequest<IReadOnlyList<ModelRelease>>;

internal sealed class ListModelReleasesHandler(IClusterGraphReadModel graph) : IRequestHandler<ListModelReleasesQuery, IReadOnlyList<ModelRelease>>
{
    public Task<IReadOnlyList<ModelRelease>> Handle(ListModelReleasesQuery request, CancellationToken ct) => graph.GetModelReleasesAsync(ct);
}
