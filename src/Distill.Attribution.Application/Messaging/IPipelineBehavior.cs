namespace Distill.Attribution.Application.Messaging;

/// <summary>
/// Wraps every request on its way to its handler (validation, authorization, audit). Behaviours run in
/// registration order, the first registered outermost.
/// </summary>
public interface IPipelineBehavior<in TRequest, TResponse>
    where TRequest : notnull
{
#pragma warning disable CA1716 // 'next' as in MediatR: the shape is kept so the library could replace ours.
    Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken ct);
#pragma warning restore CA1716
}
