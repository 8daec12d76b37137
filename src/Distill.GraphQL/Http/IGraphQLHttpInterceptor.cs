using Distill.GraphQL.Execution;
using Microsoft.AspNetCore.Http;

namespace Distill.GraphQL.Http;

/// <summary>
/// Runs before execution for every HTTP request: may attach the caller (<see cref="GraphQLRequest.User"/>,
/// <see cref="GraphQLRequest.Items"/>) or reject the request (401, 403, 429, ...). Registered in DI; all run in order.
/// </summary>
public interface IGraphQLHttpInterceptor
{
    ValueTask<GraphQLHttpRejection?> OnRequestAsync(HttpContext httpContext, GraphQLRequest request, CancellationToken cancellationToken);
}
