using System.Text.Json;
using Distill.Attribution.Application.Runs.RunDetection;
using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api.Runs;

/// <summary><c>runDetection(parameters)</c> (analyst and above).</summary>
internal static class RunMutations
{
    public static void Register(SchemaBuilder b) =>
        b.MutationType().Field("runDetection").Type(Types.NonNull(Types.Named("Run")))
            .Description("Runs detection over the store with the given parameter overrides (names as in the run's parameters) and makes it the latest run.")
            .Argument("parameters", Types.Json)
            .Resolve((ctx, ct) =>
            {
                var parameters = ctx.Arguments.GetValueOrDefault("parameters") is JsonElement { ValueKind: not JsonValueKind.Null } json ? json.GetRawText() : null;
                return ctx.Send(new RunDetectionCommand(parameters), ct);
            });
}
