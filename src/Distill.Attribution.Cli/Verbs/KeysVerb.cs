using System.CommandLine;
using Distill.Attribution.Application.Access.CreateApiKey;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Cli.Verbs;

/// <summary><c>distill keys create --role ROLE [--holder NAME] [--label TEXT]</c>: prints a new API key once (only its hash is stored).</summary>
internal static class KeysVerb
{
    internal static Command Create()
    {
        var role = new Option<string>("--role") { Description = "investigator, analyst, legal or admin", Required = true };
        var label = new Option<string?>("--label") { Description = "A note on the key (what it is for)" };
        var holder = new Option<string?>("--holder") { Description = "The person who holds the key (required for legal and admin: named in evidence-pack custody logs)" };
        var create = new Command("create", "Create an API key for a role; the key is printed once");
        create.Options.Add(role);
        create.Options.Add(label);
        create.Options.Add(holder);
        create.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            await using var services = CliServices.Build(r.GetValue(GlobalOptions.Store)!);
            await using var scope = services.CreateAsyncScope();
            try
            {
                var created = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateApiKeyCommand(r.GetValue(role)!, r.GetValue(label), r.GetValue(holder)), ct);
                r.InvocationConfiguration.Output.WriteLine(created.Key);
                await r.InvocationConfiguration.Error.WriteLineAsync($"key id {created.KeyId}, role {Roles.Name(created.Role)}{(r.GetValue(holder) is { Length: > 0 } h ? $", held by {h.Trim()}" : "")}; store the key now, it is not shown again");
                return ExitCodes.Success;
            }
            catch (ValidationException e)
            {
                foreach (var error in e.Errors)
                {
                    await r.InvocationConfiguration.Error.WriteLineAsync(error.ErrorMessage);
                }

                return ExitCodes.Usage;
            }
        });
        var command = new Command("keys", "Manage API keys (kept in the --store file, also when the graph is in Neo4j; --neo4j is not used)");
        command.Subcommands.Add(create);
        return command;
    }
}
