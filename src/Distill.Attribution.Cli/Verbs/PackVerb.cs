using System.CommandLine;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Evidence.ExportEvidencePack;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Embedding.Stores;
using Distill.Attribution.Neo4j;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Cli.Verbs;

/// <summary><c>distill pack CLUSTER_ID --out FILE</c>: write the signed evidence pack of one flagged cluster.</summary>
internal static class PackVerb
{
    internal static Command Create()
    {
        var clusterId = new Argument<string>("cluster-id") { Description = "Id of a flagged cluster of the run (e.g. c-0001)" };
        var output = new Option<string>("--out") { Description = "ZIP file to write the pack to", Required = true };
        var runId = new Option<string?>("--run") { Description = "Take the cluster from this run instead of the latest" };
        var key = new Option<string?>("--key") { Description = "PEM file of the ECDSA P-256 signing key (default <store>.pack-key.pem; created on first use, mode 0600)" };
        var custodian = new Option<string>("--custodian") { Description = "Your name: the person making the pack, recorded in its chain of custody with your operating-system user", Required = true };
        var quality = new Option<string?>("--quality") { Description = "JSON with the detector's measured precision/recall (default ./docs/quality.json; absent means \"not measured\")" };
        var command = new Command("pack", "Write the evidence pack of one cluster (report.pdf, evidence.json, members.csv, sources/, graph.svg, stix-bundle.json, signed manifest); the run comes from --store, the cited source records from --neo4j when given (use the store the run was detected on)");
        command.Arguments.Add(clusterId);
        command.Options.Add(output);
        command.Options.Add(runId);
        command.Options.Add(key);
        command.Options.Add(quality);
        command.Options.Add(custodian);
        command.UsesStore(StoreUse.Reads, neo4j: true);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var custodianName = parse.GetValue(custodian)?.Trim() ?? "";
            if (custodianName.Length is 0 or > 200 || custodianName.Any(char.IsControl))
            {
                await error.WriteLineAsync("error: --custodian needs your name (1 to 200 characters, no control characters): it goes into the pack's chain of custody");
                return ExitCodes.Usage;
            }

            StoreSettings stores;
            try
            {
                stores = StoreFactory.Settings(parse);
            }
            catch (StoreUnavailableException e)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Usage;
            }

            await using var services = CliServices.BuildForPacks(stores, o =>
            {
                o.KeyPath = parse.GetValue(key) ?? o.KeyPath;
                o.QualityPath = parse.GetValue(quality) ?? o.QualityPath;
            }, FixedCaller.CommandLineFor(custodianName));
            if (stores.Kind == StoreKind.Neo4j)
            {
                try
                {
                    // The cited records come from Neo4j: make sure it answers before the pack is started.
                    await StoreFactory.OpenAsync(services, parse, ct);
                }
                catch (StoreUnavailableException e)
                {
                    await error.WriteLineAsync($"error: {e.Message}");
                    return ExitCodes.Usage;
                }
            }

            await using var scope = services.CreateAsyncScope();
            try
            {
                var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(
                    new ExportEvidencePackCommand(parse.GetValue(clusterId)!, parse.GetValue(output)!, parse.GetValue(runId)), ct);
                parse.InvocationConfiguration.Output.WriteLine($"wrote {result.PackPath} ({result.RunId})");
                parse.InvocationConfiguration.Output.WriteLine($"manifest sha256 {result.ManifestSha256}");
                parse.InvocationConfiguration.Output.WriteLine($"signing key sha256 {result.PublicKeyFingerprint}");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
            {
                // No run, no such cluster, or a cluster that was not flagged: nothing was written.
                await error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Rejected;
            }
            catch (ValidationException e)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or Microsoft.Data.Sqlite.SqliteException or Neo4jException)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }
}
