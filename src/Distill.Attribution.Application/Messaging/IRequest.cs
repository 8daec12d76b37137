namespace Distill.Attribution.Application.Messaging;

/// <summary>
/// A request (a command that changes state or a query that reads) answered by exactly one handler.
/// Shaped like MediatR's, which is not obtainable here, so the library could replace this one.
/// </summary>
#pragma warning disable CA1040 // A marker interface: it carries the response type for the dispatcher.
public interface IRequest<out TResponse>
{
}
#pragma warning restore CA1040
