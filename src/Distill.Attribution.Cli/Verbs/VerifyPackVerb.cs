using System.CommandLine;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Evidence.VerifyEvidencePack;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Embedding.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// <c>distill verify-pack FILE [--trusted-keys LIST]</c>: check every hash and the signature of a pack, using
/// nothing but the pack, and with a list of the provider's published key fingerprints also who signed it.
/// Exit 0 when intact (and signed by a trusted key when a list is given); 1 naming each problem.
/// </summary>
internal static class VerifyPackVerb
{
    internal static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The evidence pack (ZIP) to check" };
        var trustedKeys = new Option<string?>("--trusted-keys") { Description = "File of the provider's published signing-key fingerprints (from `distill signing-key export-public`); a pack signed by any other key fails" };
        var command = new Command("verify-pack", "Check every hash and the signature of an evidence pack; exit 1 naming what was altered, added or removed, or an untrusted signer with --trusted-keys");
        command.Arguments.Add(file);
        command.Options.Add(trustedKeys);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var path = parse.GetValue(file)!;
            var output = parse.InvocationConfiguration.Output;
            if (!File.Exists(path))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: no such file: {path}");
                return ExitCodes.Usage;
            }

            IReadOnlySet<string>? trusted = null;
            if (parse.GetValue(trustedKeys) is { } listPath)
            {
                try
                {
                    trusted = TrustedSigningKeys.Parse(await File.ReadAllTextAsync(listPath, ct));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"error: cannot use {listPath} as a trusted-keys list: {e.Message}");
                    return ExitCodes.Usage;
                }
            }

            // No store is opened: the verifier reads only the pack.
            await using var services = CliServices.BuildForPacks(StoreSettings.Sqlite(GlobalOptions.DefaultStorePath), configure: null);
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new VerifyEvidencePackQuery(path, trusted), ct);
            foreach (var warning in result.Warnings)
            {
                await output.WriteLineAsync($"NOTE: {warning}");
            }

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
            if (result.SignerTrusted == true)
            {
                await output.WriteLineAsync($"signed by key sha256 {result.PublicKeyFingerprint}: TRUSTED (in {parse.GetValue(trustedKeys)})");
            }
            else
            {
                await output.WriteLineAsync($"signed by key sha256 {result.PublicKeyFingerprint}");
                await output.WriteLineAsync("WARNING: the signer is unverified: the pack is intact, but anyone can sign a pack with a key of their own. Compare the fingerprint above with the provider's published list, or pass it as --trusted-keys FILE.");
            }

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
        PackProblemKind.Container => "CONTAINER",
        PackProblemKind.UntrustedKey => "UNTRUSTED KEY",
        _ => "MALFORMED",
    };
}
