namespace Distill.Attribution.Application.Messaging;

/// <summary>Sends a request through the pipeline behaviours to its handler. The CLI and the API both use it.</summary>
public interface ISender
{
    Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken ct = default);
}
