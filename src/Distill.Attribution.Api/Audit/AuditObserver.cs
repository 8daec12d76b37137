using Distill.Attribution.Api.Access;
using Distill.Attribution.Application.Messaging;
using Distill.GraphQL.Execution;

namespace Distill.Attribution.Api.Audit;

/// <summary>
/// Appends one audit entry per executed GraphQL request (time, key id, role, operation, document hash, variables,
/// outcome). Runs after execution; if the append fails the request fails, so no request goes unaudited.
/// </summary>
internal sealed class AuditObserver(ISender sender, RequestCaller caller) : IGraphQLRequestObserver
{
    internal const string RoleItem = "distill.role";

    /// <summary>A mutation's entry is written before it runs (outcome "started"), in its own committed transaction: if the
    /// trail cannot take the entry (a full disk), the mutation does not run. The outcome follows as a second entry; a
    /// "started" entry without one means the process stopped or the second write failed after the mutation ran.</summary>
    public async ValueTask OnMutationStartingAsync(GraphQLRequestRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await AuditRecorder.AppendAsync(sender, caller.KeyId, record.Items.TryGetValue(RoleItem, out var role) ? role as string : null,
            record.OperationName, record.DocumentSha256, record.Variables, "started", CancellationToken.None);
    }

    public async ValueTask OnRequestCompletedAsync(GraphQLRequestRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var outcome = record.Succeeded ? "ok" : "error: " + string.Join(",", record.ErrorCodes);
        // Not the request's token: a client that went away must not leave its request out of the trail.
        await AuditRecorder.AppendAsync(sender, caller.KeyId, record.Items.TryGetValue(RoleItem, out var role) ? role as string : null,
            record.OperationName, record.DocumentSha256, record.Variables, outcome, CancellationToken.None);
    }
}
