namespace Distill.Attribution.Application.Messaging;

/// <summary>The rest of the pipeline, as seen by a behaviour.</summary>
#pragma warning disable CA1711 // MediatR's name for it, kept so the library could replace ours.
public delegate Task<TResponse> RequestHandlerDelegate<TResponse>(CancellationToken ct);
#pragma warning restore CA1711
