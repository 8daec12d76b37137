using System.CommandLine;
using Distill.Attribution.Api.Hosting;
using Distill.Attribution.Infrastructure.Neo4j;
using Microsoft.Extensions.Hosting;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// <c>distill serve [--urls URL]</c>: the investigator GraphQL API (GraphiQL for browsers) at <c>/graphql</c>. With
/// <c>--neo4j</c> the account data (profiles, look-ups, activity, shared infrastructure, pack sources, runDetection's
/// snapshot) comes from Neo4j and new runs are written back into it; runs, keys, audit trail and cases stay in <c>--store</c>.
/// </summary>
internal static class ServeVerb
{
    internal static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var command = new Command("serve", "Start the GraphQL API (GraphQL and GraphiQL at /graphql, /healthz, /readyz); with --neo4j account data comes from Neo4j, runs/keys/audit/cases stay in --store");
        command.Options.Add(urls);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            Neo4jGraphStore? neo4j;
            try
            {
                neo4j = await StoreFactory.OpenNeo4jIfNamedAsync(r, ct);
            }
            catch (StoreUnavailableException e)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Usage;
            }

            try
            {
                var options = new ApiHostOptions { StorePath = r.GetValue(GlobalOptions.Store)!, Urls = r.GetValue(urls)! };
                var app = ApiHost.Create(options, neo4j is null ? null : b => b.Services.AddNeo4jGraphStore(neo4j));
                await using (app)
                {
                    await app.StartAsync(ct);
                    await app.WaitForShutdownAsync(ct);
                }
            }
            finally
            {
                if (neo4j is not null)
                {
                    await neo4j.DisposeAsync();
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
