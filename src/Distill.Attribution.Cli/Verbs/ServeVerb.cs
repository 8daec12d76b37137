using System.CommandLine;
using Distill.Attribution.Api.Hosting;
using Microsoft.Extensions.Hosting;

namespace Distill.Attribution.Cli.Verbs;

/// <summary><c>distill serve [--urls URL]</c>: the investigator GraphQL API (GraphiQL for browsers) at <c>/graphql</c>.</summary>
internal static class ServeVerb
{
    internal static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var command = new Command("serve", "Start the GraphQL API (GraphQL and GraphiQL at /graphql, /healthz, /readyz)");
        command.Options.Add(urls);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var app = ApiHost.Create(new ApiHostOptions { StorePath = r.GetValue(GlobalOptions.Store)!, Urls = r.GetValue(urls)! });
            await using (app)
            {
                await app.StartAsync(ct);
                await app.WaitForShutdownAsync(ct);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
