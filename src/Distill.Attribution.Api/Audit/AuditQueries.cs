using Distill.Attribution.Api.Paging;
using Distill.Attribution.Application.Audit.ListAuditEntries;
using Distill.Attribution.Application.Audit.VerifyAuditTrail;
using Distill.Attribution.Domain.Audit;
using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api.Audit;

/// <summary><c>auditEntries</c> and <c>verifyAuditTrail</c> (admin).</summary>
internal static class AuditQueries
{
    public static void Register(SchemaBuilder b, ConnectionTypes connections)
    {
        var entry = b.Object<AuditEntry>("AuditEntry", "One API request in the hash-chained audit trail.");
        entry.Field("sequence").Type(Types.NonNull(Types.Long)).ResolveFrom<AuditEntry>(e => e.Sequence)
            .Field("time").Type(Types.NonNull(Types.DateTime)).ResolveFrom<AuditEntry>(e => e.Time)
            .Field("keyId").Type(Types.NonNull(Types.String)).ResolveFrom<AuditEntry>(e => e.KeyId)
            .Field("role").Type(Types.NonNull(Types.String)).ResolveFrom<AuditEntry>(e => e.Role)
            .Field("operationName").Type(Types.String).ResolveFrom<AuditEntry>(e => e.OperationName)
            .Field("documentHash").Type(Types.NonNull(Types.String)).ResolveFrom<AuditEntry>(e => e.DocumentHash)
            .Field("variables").Type(Types.NonNull(Types.String)).Description("The variables as JSON, secret-looking values redacted.").ResolveFrom<AuditEntry>(e => e.VariablesJson)
            .Field("outcome").Type(Types.NonNull(Types.String)).ResolveFrom<AuditEntry>(e => e.Outcome)
            .Field("previousHash").Type(Types.NonNull(Types.String)).ResolveFrom<AuditEntry>(e => e.PreviousHash)
            .Field("hash").Type(Types.NonNull(Types.String)).ResolveFrom<AuditEntry>(e => e.Hash);

        var verification = b.Object<VerifyAuditTrailResult>("AuditVerification", "The result of checking the whole audit chain.");
        verification.Field("intact").Type(Types.NonNull(Types.Boolean)).ResolveFrom<VerifyAuditTrailResult>(v => v.Intact)
            .Field("entries").Type(Types.NonNull(Types.Long)).ResolveFrom<VerifyAuditTrailResult>(v => v.Entries)
            .Field("firstBrokenSequence").Type(Types.Long).ResolveFrom<VerifyAuditTrailResult>(v => v.FirstBreak?.Sequence)
            .Field("reason").Type(Types.String).ResolveFrom<VerifyAuditTrailResult>(v => v.FirstBreak?.Reason);

        b.Query.Field("auditEntries").Type(Types.NonNull(connections.Of("AuditEntry"))).Description("The audit trail, oldest first (admin).").Paged()
            .Resolve(async (ctx, ct) =>
            {
                var (first, offset) = ConnectionTypes.Read(ctx);
                // Sequences start at 1 and have no gaps, so position = sequence - 1; one more entry tells whether a next page exists.
                var entries = await ctx.Send(new ListAuditEntriesQuery(offset + 1L, Math.Clamp(first, 0, 999) + 1), ct);
                var page = entries.Take(first).Cast<object>().ToArray();
                var sender = ctx;
                return new Connection(page, offset, entries.Count > first, offset > 0,
                    async token => (int)(await sender.Send(new VerifyAuditTrailQuery(), token)).Entries);
            })
            .Field("verifyAuditTrail").Type(Types.NonNull(verification)).Description("Checks the whole chain; names the first broken entry (admin).")
            .Resolve((ctx, ct) => ctx.Send(new VerifyAuditTrailQuery(), ct));
    }
}
