using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api.Paging;

/// <summary><c>.Paged()</c>: the Relay paging arguments on a connection field, in a fluent chain.</summary>
internal static class PagingExtensions
{
    public static FieldBuilder Paged(this FieldBuilder field) => ConnectionTypes.PagingArguments(field);
}
