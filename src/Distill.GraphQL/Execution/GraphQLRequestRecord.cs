using System.Security.Claims;
using System.Text.Json;
using Distill.GraphQL.Language;

namespace Distill.GraphQL.Execution;

/// <summary>What an <see cref="IGraphQLRequestObserver"/> learns about a finished request (enough for an audit entry).</summary>
public sealed record GraphQLRequestRecord(
    string? OperationName,
    OperationType? OperationType,
    string DocumentSha256,
    JsonElement? Variables,
    bool Succeeded,
    IReadOnlyList<string> ErrorCodes,
    TimeSpan Duration,
    ClaimsPrincipal? User,
    IDictionary<string, object?> Items);
