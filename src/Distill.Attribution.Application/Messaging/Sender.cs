using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Application.Messaging;

/// <summary>
/// The dispatcher: finds the handler of a request's runtime type in the container and runs it inside
/// the registered behaviours. The generic plumbing per request type is built once and cached, so a send
/// costs a dictionary look-up and the container resolutions, not reflection.
/// </summary>
internal sealed class Sender(IServiceProvider services) : ISender
{
    private static readonly ConcurrentDictionary<Type, object> Pipelines = new();

    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pipeline = (RequestPipeline<TResponse>)Pipelines.GetOrAdd(
            request.GetType(),
            static type => Activator.CreateInstance(typeof(RequestPipeline<,>).MakeGenericType(type, typeof(TResponse)))!);
        return pipeline.Send(request, services, ct);
    }
}

/// <summary>The response-typed half of a cached pipeline, callable without knowing the request type.</summary>
internal abstract class RequestPipeline<TResponse>
{
    public abstract Task<TResponse> Send(IRequest<TResponse> request, IServiceProvider services, CancellationToken ct);
}

/// <summary>Runs the behaviours of <typeparamref name="TRequest"/> around its handler.</summary>
internal sealed class RequestPipeline<TRequest, TResponse> : RequestPipeline<TResponse>
    where TRequest : IRequest<TResponse>
{
    public override Task<TResponse> Send(IRequest<TResponse> request, IServiceProvider services, CancellationToken ct)
    {
        var typed = (TRequest)request;
        var handler = services.GetService<IRequestHandler<TRequest, TResponse>>()
            ?? throw new InvalidOperationException($"No handler is registered for {typeof(TRequest).Name}.");
        RequestHandlerDelegate<TResponse> next = token => handler.Handle(typed, token);
        var behaviours = services.GetServices<IPipelineBehavior<TRequest, TResponse>>().ToArray();
        for (var i = behaviours.Length - 1; i >= 0; i--)
        {
            var behaviour = behaviours[i];
            var inner = next;
            next = token => behaviour.Handle(typed, inner, token);
        }

        return next(ct);
    }
}
