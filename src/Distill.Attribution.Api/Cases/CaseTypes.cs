using Distill.Attribution.Application.Cases;
using Distill.Attribution.Application.Cases.RequestEvidencePack;
using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api.Cases;

/// <summary>Verdicts, operator overrides and evidence-pack answers.</summary>
internal static class CaseTypes
{
    public static void Register(SchemaBuilder b)
    {
        var verdict = b.Enum<Verdict>("Verdict", "An investigator's conclusion about a cluster.");
        var record = b.Object<VerdictRecord>("ClusterVerdict", "A recorded verdict.");
        record.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<VerdictRecord>(v => v.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Field("clusterId").Type(Types.NonNull(Types.ID)).ResolveFrom<VerdictRecord>(v => v.ClusterId)
            .Field("runId").Type(Types.NonNull(Types.String)).ResolveFrom<VerdictRecord>(v => v.RunId)
            .Field("verdict").Type(Types.NonNull(verdict)).ResolveFrom<VerdictRecord>(v => v.Verdict)
            .Field("note").Type(Types.String).ResolveFrom<VerdictRecord>(v => v.Note)
            .Field("keyId").Type(Types.NonNull(Types.String)).ResolveFrom<VerdictRecord>(v => v.KeyId)
            .Field("role").Type(Types.NonNull(Types.String)).ResolveFrom<VerdictRecord>(v => v.Role)
            .Field("recordedAt").Type(Types.NonNull(Types.DateTime)).ResolveFrom<VerdictRecord>(v => v.RecordedAt);

        var change = b.Object<OperatorOverride>("OperatorOverride", "An analyst's correction of a cluster's operator; the detector's attribution is kept.");
        change.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<OperatorOverride>(o => o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Field("clusterId").Type(Types.NonNull(Types.ID)).ResolveFrom<OperatorOverride>(o => o.ClusterId)
            .Field("runId").Type(Types.NonNull(Types.String)).ResolveFrom<OperatorOverride>(o => o.RunId)
            .Field("originalOperatorId").Type(Types.ID).ResolveFrom<OperatorOverride>(o => o.OriginalOperatorId)
            .Field("operatorId").Type(Types.NonNull(Types.ID)).ResolveFrom<OperatorOverride>(o => o.OperatorId)
            .Field("reason").Type(Types.NonNull(Types.String)).ResolveFrom<OperatorOverride>(o => o.Reason)
            .Field("keyId").Type(Types.NonNull(Types.String)).ResolveFrom<OperatorOverride>(o => o.KeyId)
            .Field("role").Type(Types.NonNull(Types.String)).ResolveFrom<OperatorOverride>(o => o.Role)
            .Field("recordedAt").Type(Types.NonNull(Types.DateTime)).ResolveFrom<OperatorOverride>(o => o.RecordedAt);

        var status = b.Enum<EvidencePackStatus>("EvidencePackStatus", "Where an evidence-pack request stands.");
        var pack = b.Object<EvidencePackRequestResult>("EvidencePackRequest", "The answer to an evidence-pack request.");
        pack.Field("clusterId").Type(Types.NonNull(Types.ID)).ResolveFrom<EvidencePackRequestResult>(p => p.ClusterId)
            .Field("status").Type(Types.NonNull(status)).ResolveFrom<EvidencePackRequestResult>(p => p.Status)
            .Field("location").Type(Types.String).Description("Where the pack was written on the server; null when no pack was made.").ResolveFrom<EvidencePackRequestResult>(p => p.Location)
            .Field("message").Type(Types.NonNull(Types.String)).ResolveFrom<EvidencePackRequestResult>(p => p.Message);
    }
}
