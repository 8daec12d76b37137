using Distill.GraphQL.Language;

namespace Distill.GraphQL.Execution;

/// <summary>An error in a GraphQL response: message, locations, path and extensions (with <c>code</c>).</summary>
public sealed class GraphQLError(
    string message,
    IReadOnlyList<SourceLocation>? locations = null,
    IReadOnlyList<object>? path = null,
    string? code = null,
    IReadOnlyDictionary<string, object?>? extensions = null)
{
    public string Message { get; } = message;

    public IReadOnlyList<SourceLocation> Locations { get; } = locations ?? [];

    public IReadOnlyList<object>? Path { get; } = path;

    public string? Code { get; } = code;

    public IReadOnlyDictionary<string, object?>? Extensions { get; } = extensions;

    public override string ToString() => Code is null ? Message : $"{Message} [{Code}]";
}
