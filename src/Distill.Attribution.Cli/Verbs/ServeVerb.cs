using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Distill.Attribution.Api.Hosting;
using Distill.Attribution.Embedding.Stores;
using Microsoft.AspNetCore.Connections;
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
        command.UsesStore(StoreUse.ReadsUnlessNeo4j, neo4j: true);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            // A busy port is the likeliest reason a server does not start: say so in one line before the host logs
            // its own failure (a JSON log entry with a stack trace).
            if (BusyPort(r.GetValue(urls)!) is { } busy)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync(PortInUse(busy.Url, busy.Port));
                return ExitCodes.Usage;
            }

            StoreSettings stores;
            try
            {
                stores = StoreFactory.Settings(r);
            }
            catch (StoreUnavailableException e)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Usage;
            }

            try
            {
                // The stores come through the root both hosts share (ApiHost calls AddAttributionStores with them).
                var options = new ApiHostOptions { StorePath = stores.Path, Stores = stores, Urls = r.GetValue(urls)! };
                var app = ApiHost.Create(options);
                await using (app)
                {
                    if (stores.Kind == StoreKind.Neo4j)
                    {
                        // Reachable and migrated before the server listens: an unreachable Neo4j is exit 2, not a server that answers 503.
                        await StoreFactory.OpenAsync(app.Services, r, ct);
                    }

                    await app.StartAsync(ct);
                    await app.WaitForShutdownAsync(ct);
                }
            }
            catch (StoreUnavailableException e)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (IOException e) when (e.InnerException is AddressInUseException)
            {
                // Taken between the check above and the bind.
                await r.InvocationConfiguration.Error.WriteLineAsync($"error: {ConsoleText.Safe(e.Message)} (choose another with --urls)");
                return ExitCodes.Usage;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    internal static string PortInUse(string url, int port) =>
        $"error: port {port} is already in use ({ConsoleText.Safe(url)}): stop what listens there or choose another with --urls";

    /// <summary>The first of the <c>;</c>-separated URLs whose IP (or localhost) port is already taken, or null.</summary>
    private static (string Url, int Port)? BusyPort(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Port <= 0)
            {
                continue; // Kestrel reports what it cannot parse; port 0 picks a free port.
            }

            var address = uri.IsLoopback && !IPAddress.TryParse(uri.Host.Trim('[', ']'), out _) ? IPAddress.Loopback
                : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : null;
            if (address is null)
            {
                continue; // A host name or a wildcard: Kestrel binds it and reports a failure itself.
            }

            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.Bind(new IPEndPoint(address, uri.Port));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return (url, uri.Port);
            }
            catch (SocketException)
            {
                // Not ours to judge (an address this machine does not have, a privileged port): Kestrel says why.
            }
        }

        return null;
    }
}
