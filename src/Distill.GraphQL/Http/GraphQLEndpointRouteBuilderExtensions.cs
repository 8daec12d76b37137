using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Distill.GraphQL.Http;

/// <summary><c>app.MapGraphQL("/graphql")</c>: GraphQL over HTTP at any path.</summary>
public static class GraphQLEndpointRouteBuilderExtensions
{
    public static IEndpointConventionBuilder MapGraphQL(this IEndpointRouteBuilder endpoints, string pattern = "/graphql")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.Map(pattern, GraphQLHttpHandler.HandleAsync).WithDisplayName("GraphQL " + pattern);
    }
}
