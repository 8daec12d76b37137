using System.CommandLine;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Evidence.VerifyEvidencePack;
using Distill.Attribution.Application.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// <c>distill verify-pack FILE</c>: check every hash and the signature of a pack, using nothing but the pack.
/// Exit 0 when intact; 1 naming each entry that was altered, added or removed.
/// </summary>
internal static class VerifyPackVerb
{
    internal static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The evidence pack (ZIP) to check" };
        var command = new Command("verify-pack", "Check every hash and the signature of an evidence pack; exit 1 naming what was altered, added or removed");
        command.Arguments.Add(file);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var path = parse.GetValue(file)!;
            var output = parse.InvocationConfiguration.Output;
            if (!File.Exists(path))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: no such file: {path}");
                return ExitCodes.Usage;
            }

            // No store is opened: the verifier reads only the pack.
            await using var services = PackServices.Build(parse.GetValue(GlobalOptions.Store) ?? "./distill.db", runs: null, configure: null);
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new VerifyEvidencePackQuery(path), ct);
            foreach (var problem in result.Problems)
            {
                await output.WriteLineAsync($"{Label(problem.Kind)}: {problem.Entry} — {problem.Detail}");
            }

            if (!result.IsValid)
            {
                await output.WriteLineAsync($"FAILED: {result.Problems.Count} problem(s) in {path}");
                return ExitCodes.Rejected;
            }

            await output.WriteLineAsync($"OK: {result.CheckedEntries} entries match the signed manifest (sha256 {result.ManifestSha256})");
            await output.WriteLineAsync($"signed by key sha256 {result.PublicKeyFingerprint}: compare it with the fingerprint the provider published");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Label(PackProblemKind kind) => kind switch
    {
        PackProblemKind.Altered => "ALTERED",
        PackProblemKind.Added => "ADDED",
        PackProblemKind.Removed => "REMOVED",
        PackProblemKind.BadSignature => "BAD SIGNATURE",
        _ => "MALFORMED",
    };
}
