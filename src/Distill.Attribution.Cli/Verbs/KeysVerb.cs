using System.CommandLine;
using System.Globalization;
using Distill.Attribution.Application.Access.CreateApiKey;
using Distill.Attribution.Application.Access.ListApiKeys;
using Distill.Attribution.Application.Access.RevokeApiKey;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// <c>distill keys create --role ROLE [--holder NAME] [--label TEXT]</c>: prints a new API key once (only its hash is
/// stored); <c>keys list</c>: the keys that can authenticate; <c>keys revoke KEY_ID</c>: deletes a key's hash.
/// </summary>
internal static class KeysVerb
{
    internal static Command Create()
    {
        var command = new Command("keys", "Manage API keys (kept in the --store file, also when the graph is in Neo4j; --neo4j is not used)");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Revoke());
        return command;
    }

    private static Command CreateKey()
    {
        var role = new Option<string>("--role") { Description = "investigator, analyst, legal or admin", Required = true };
        var label = new Option<string?>("--label") { Description = "A note on the key (what it is for)" };
        var holder = new Option<string?>("--holder") { Description = "The person who holds the key (required for legal and admin: named in evidence-pack custody logs)" };
        var create = new Command("create", "Create an API key for a role; the key is printed once");
        create.Options.Add(role);
        create.Options.Add(label);
        create.Options.Add(holder);
        create.UsesStore(StoreUse.Creates);
        create.SetAction((ParseResult r, CancellationToken ct) => SendAsync(r, new CreateApiKeyCommand(r.GetValue(role)!, r.GetValue(label), r.GetValue(holder)), async created =>
        {
            await r.InvocationConfiguration.Output.WriteLineAsync(created.Key);
            await r.InvocationConfiguration.Error.WriteLineAsync($"key id {created.KeyId}, role {Roles.Name(created.Role)}{(r.GetValue(holder) is { Length: > 0 } h ? $", held by {ConsoleText.Safe(h.Trim())}" : "")}; store the key now, it is not shown again");
            return ExitCodes.Success;
        }, ct));
        return create;
    }

    private static Command List()
    {
        var list = new Command("list", "The keys that can authenticate: id, role, holder, label, creation time (never the key or its hash)");
        list.UsesStore(StoreUse.Reads);
        list.SetAction((ParseResult r, CancellationToken ct) => SendAsync(r, new ListApiKeysQuery(), async result =>
        {
            var output = r.InvocationConfiguration.Output;
            if (result.Keys.Count == 0)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync("no API keys; make one with `distill keys create --role ROLE`");
                return ExitCodes.Success;
            }

            // Tab-separated, one key a line: readable, and easy to cut or grep.
            await output.WriteLineAsync("key_id\trole\tcreated_at\tholder\tlabel");
            foreach (var key in result.Keys)
            {
                await output.WriteLineAsync(string.Join('\t',
                    key.KeyId, Roles.Name(key.Role), key.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    ConsoleText.Safe(key.Holder ?? "-"), ConsoleText.Safe(key.Label ?? "-")));
            }

            return ExitCodes.Success;
        }, ct));
        return list;
    }

    private static Command Revoke()
    {
        var keyId = new Argument<string>("key-id") { Description = "The key id `keys list` shows (the part after dk_ in the key)" };
        var revoke = new Command("revoke", "Revoke an API key at once: its hash is deleted, so it never authenticates again");
        revoke.Arguments.Add(keyId);
        revoke.UsesStore(StoreUse.Reads);
        revoke.SetAction((ParseResult r, CancellationToken ct) => SendAsync(r, new RevokeApiKeyCommand(r.GetValue(keyId)!), async result =>
        {
            if (!result.Revoked)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync($"error: no key with id '{ConsoleText.Safe(result.KeyId)}' (see `distill keys list`)");
                return ExitCodes.Rejected;
            }

            await r.InvocationConfiguration.Output.WriteLineAsync($"revoked key {result.KeyId}");
            return ExitCodes.Success;
        }, ct));
        return revoke;
    }

    private static async Task<int> SendAsync<T>(ParseResult r, IRequest<T> request, Func<T, Task<int>> print, CancellationToken ct)
    {
        await using var services = CliServices.Build(VerbStores.StorePath(r));
        await using var scope = services.CreateAsyncScope();
        try
        {
            return await print(await scope.ServiceProvider.GetRequiredService<ISender>().Send(request, ct));
        }
        catch (ValidationException e)
        {
            foreach (var error in e.Errors)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync(ConsoleText.Safe(error.ErrorMessage));
            }

            return ExitCodes.Usage;
        }
    }
}
