using System.Text.Json;
using Distill.Attribution.Application.Runs;
using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api.Runs;

/// <summary>The <c>Run</c> type: a detection run's inputs, outputs and hashes.</summary>
internal static class RunType
{
    public static void Register(SchemaBuilder b)
    {
        var run = b.Object<RunSummary>("Run", "A versioned detection run.");
        run.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<RunSummary>(r => r.RunId)
            .Field("createdAt").Type(Types.NonNull(Types.DateTime)).ResolveFrom<RunSummary>(r => r.CreatedAt)
            .Field("parameters").Type(Types.NonNull(Types.Json)).Description("Every weight and threshold the run used.")
            .ResolveFrom<RunSummary>(r => JsonDocument.Parse(r.ParametersJson).RootElement.Clone())
            .Field("parametersHash").Type(Types.NonNull(Types.String)).ResolveFrom<RunSummary>(r => r.ParametersHash)
            .Field("inputHash").Type(Types.NonNull(Types.String)).ResolveFrom<RunSummary>(r => r.InputHash)
            .Field("codeVersion").Type(Types.NonNull(Types.String)).ResolveFrom<RunSummary>(r => r.CodeVersion)
            .Field("membershipHash").Type(Types.NonNull(Types.String)).Description("Same data and parameters give the same hash.").ResolveFrom<RunSummary>(r => r.MembershipHash)
            .Field("clusterCount").Type(Types.NonNull(Types.Int)).ResolveFrom<RunSummary>(r => r.ClusterCount)
            .Field("flaggedCount").Type(Types.NonNull(Types.Int)).ResolveFrom<RunSummary>(r => r.FlaggedCount);
    }
}
