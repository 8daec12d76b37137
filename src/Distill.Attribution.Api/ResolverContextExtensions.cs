using Distill.Attribution.Application.Messaging;
using Distill.GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Api;

/// <summary>What keeps resolvers thin: one call that sends a request through the dispatcher of the HTTP request's scope.</summary>
internal static class ResolverContextExtensions
{
    public static Task<T> Send<T>(this ResolverContext ctx, IRequest<T> request, CancellationToken ct) =>
        ctx.Services.GetRequiredService<ISender>().Send(request, ct);
}
