using System.CommandLine;
using Distill.Attribution.Application.Audit.VerifyAuditTrail;
using Distill.Attribution.Application.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Cli.Verbs;

/// <summary><c>distill audit verify</c>: checks the audit chain and its anchor outside the store (a deleted tail, an emptied trail, a recomputed chain); exit 1 naming the first broken entry.</summary>
internal static class AuditVerb
{
    internal static Command Create()
    {
        var verify = new Command("verify", "Check the hash chain of the audit trail");
        verify.UsesStore(StoreUse.Reads);
        verify.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            await using var services = CliServices.Build(VerbStores.StorePath(r));
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new VerifyAuditTrailQuery(), ct);
            if (result.FirstBreak is { } broken)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync($"audit trail broken at entry {broken.Sequence}: {broken.Reason}");
                return ExitCodes.Rejected;
            }

            // Entries after the anchored one can only be those in flight when a process stopped between commit and anchor update.
            var unanchored = result.Entries - result.AnchoredEntries;
            r.InvocationConfiguration.Output.WriteLine(result.Entries == 0 ? "audit trail intact: 0 entries"
                : unanchored > 0
                ? $"audit trail intact: {result.Entries} entries ({result.AnchoredEntries} anchored outside the store, the last {unanchored} not)"
                : $"audit trail intact: {result.Entries} entries, anchored outside the store");
            return ExitCodes.Success;
        });
        var command = new Command("audit", "The API's audit trail (kept in the --store file, also when the graph is in Neo4j; --neo4j is not used)");
        command.Subcommands.Add(verify);
        return command;
    }
}
