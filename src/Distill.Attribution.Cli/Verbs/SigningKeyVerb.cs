using System.CommandLine;
using Distill.Attribution.EvidencePacks;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// <c>distill signing-key show|rotate|export-public</c>: the evidence-pack signing keys of a store (the private key
/// file <c>&lt;store&gt;.pack-key.pem</c> or <c>--key</c>, and its public register beside it).
/// </summary>
internal static class SigningKeyVerb
{
    internal static Command Create()
    {
        var command = new Command("signing-key", "Show, rotate or export the evidence-pack signing keys (the private key stays in its file, mode 0600)");
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Rotate());
        command.Subcommands.Add(ExportPublic());
        return command;
    }

    private static Option<string?> KeyOption() =>
        new("--key") { Description = "PEM file of the signing key (default <store>.pack-key.pem; created on first use)" };

    private static SigningKeyRing Ring(ParseResult parse, Option<string?> key) =>
        new(new EvidencePackOptions { KeyPath = parse.GetValue(key) ?? VerbStores.StorePath(parse) + ".pack-key.pem" });

    private static Command Show()
    {
        var key = KeyOption();
        var show = new Command("show", "Print the active key (id, fingerprint, creation date) and every retired key still published");
        show.Options.Add(key);
        show.UsesStore(StoreUse.PathOnly);
        show.SetAction(async (ParseResult parse, CancellationToken ct) => await Guard(parse, async output =>
        {
            var ring = Ring(parse, key);
            var active = ring.Active();
            foreach (var k in ring.All())
            {
                var state = k.Fingerprint == active.Fingerprint ? "active " : k.RetiredAt is { } r ? $"retired {Time(r)}" : "inactive";
                await output.WriteLineAsync($"{k.KeyId}  {state}  created {Time(k.CreatedAt)}  sha256 {k.Fingerprint}");
            }

            await output.WriteLineAsync($"private key: {ring.KeyPath}; public register: {ring.RegisterPath}");
        }));
        return show;
    }

    private static Command Rotate()
    {
        var key = KeyOption();
        var rotate = new Command("rotate", "Make a new signing key; the old private key is deleted, its public key stays published so earlier packs still verify");
        rotate.Options.Add(key);
        rotate.UsesStore(StoreUse.PathOnly);
        rotate.SetAction(async (ParseResult parse, CancellationToken ct) => await Guard(parse, async output =>
        {
            var ring = Ring(parse, key);
            var old = ring.Active();
            var next = ring.Rotate(DateTimeOffset.UtcNow);
            await output.WriteLineAsync($"retired {old.KeyId} (sha256 {old.Fingerprint})");
            await output.WriteLineAsync($"active  {next.KeyId} (sha256 {next.Fingerprint}), created {Time(next.CreatedAt)}");
            await output.WriteLineAsync("publish the new list: distill signing-key export-public --out FILE");
        }));
        return rotate;
    }

    private static Command ExportPublic()
    {
        var key = KeyOption();
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output" };
        var pem = new Option<bool>("--pem") { Description = "Write the public keys as PEM instead of the fingerprint list" };
        var export = new Command("export-public", "Write the published list of signing-key fingerprints (what verify-pack --trusted-keys reads), or the public keys as PEM");
        export.Options.Add(key);
        export.UsesStore(StoreUse.PathOnly);
        export.Options.Add(output);
        export.Options.Add(pem);
        export.SetAction(async (ParseResult parse, CancellationToken ct) => await Guard(parse, async stdout =>
        {
            var ring = Ring(parse, key);
            var text = parse.GetValue(pem)
                ? string.Concat(ring.All().Select(k => $"# {k.KeyId} sha256 {k.Fingerprint}\n{k.PublicKeyPem}"))
                : ring.TrustedKeysText();
            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, text, ct);
                await stdout.WriteLineAsync($"wrote {path}");
            }
            else
            {
                await stdout.WriteAsync(text);
            }
        }));
        return export;
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<int> Guard(ParseResult parse, Func<TextWriter, Task> work)
    {
        try
        {
            await work(parse.InvocationConfiguration.Output);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or System.Text.Json.JsonException or KeyNotFoundException or FormatException)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
