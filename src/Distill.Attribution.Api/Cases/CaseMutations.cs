using Distill.Attribution.Application.Cases;
using Distill.Attribution.Application.Cases.OverrideOperator;
using Distill.Attribution.Application.Cases.RecordVerdict;
using Distill.Attribution.Application.Cases.RequestEvidencePack;
using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api.Cases;

/// <summary><c>recordVerdict</c>, <c>overrideOperator</c> (analyst and above) and <c>requestEvidencePack</c> (legal and above).</summary>
internal static class CaseMutations
{
    public static void Register(SchemaBuilder b) =>
        b.MutationType()
            .Field("recordVerdict").Type(Types.NonNull(Types.Named("ClusterVerdict")))
            .Argument("clusterId", Types.NonNull(Types.ID)).Argument("verdict", Types.NonNull(Types.Named("Verdict"))).Argument("note", Types.String)
            .Resolve((ctx, ct) => ctx.Send(new RecordVerdictCommand(ctx.Arg<string>("clusterId"), ctx.Arg<Verdict>("verdict"), ctx.Arg<string?>("note")), ct))
            .Field("overrideOperator").Type(Types.NonNull(Types.Named("Cluster")))
            .Description("Names a different suspected operator; the detector's attribution stays visible as originalOperator.")
            .Argument("clusterId", Types.NonNull(Types.ID)).Argument("operatorId", Types.NonNull(Types.ID)).Argument("reason", Types.NonNull(Types.String))
            .Resolve((ctx, ct) => ctx.Send(new OverrideOperatorCommand(ctx.Arg<string>("clusterId"), ctx.Arg<string>("operatorId"), ctx.Arg<string>("reason")), ct))
            .Field("requestEvidencePack").Type(Types.NonNull(Types.Named("EvidencePackRequest")))
            .Description("Writes the signed evidence pack of a flagged cluster of the latest run on the server and says where it is (status READY); an unflagged cluster gets NOT_FLAGGED and no pack.")
            .Argument("clusterId", Types.NonNull(Types.ID))
            .Resolve((ctx, ct) => ctx.Send(new RequestEvidencePackCommand(ctx.Arg<string>("clusterId")), ct));
}
