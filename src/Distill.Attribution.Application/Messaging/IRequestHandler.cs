namespace Distill.Attribution.Application.Messaging;

/// <summary>Handles one request type: loads, calls the domain, saves, returns.</summary>
public interface IRequestHandler<in TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    Task<TResponse> Handle(TRequest request, CancellationToken ct);
}
