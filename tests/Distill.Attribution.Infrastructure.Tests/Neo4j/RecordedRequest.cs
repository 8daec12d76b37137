using System.Text.Json;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>What the client sent: method, address, the headers the Query API cares about, and the body.</summary>
internal sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    string? Accept,
    string? Authorization,
    string? ClusterAffinity,
    string? ContentType,
    string? Body)
{
    public string Path => Uri.AbsolutePath;

    /// <summary>The statement of the body, or null for a body-less request (begin, commit, rollback).</summary>
    public string? Statement => Body is null ? null : JsonDocument.Parse(Body).RootElement.GetProperty("statement").GetString();

    /// <summary>A parameter of the body as raw JSON.</summary>
    public JsonElement Parameter(string name) =>
        JsonDocument.Parse(Body!).RootElement.GetProperty("parameters").GetProperty(name).Clone();
}
