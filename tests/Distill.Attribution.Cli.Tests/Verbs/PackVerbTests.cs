using System.IO.Compression;
using System.Text.Json;

namespace Distill.Attribution.Cli.Tests.Verbs;

/// <summary>pack names its custodian; signing-key publishes fingerprints; verify-pack pins them.</summary>
public sealed class PackVerbTests
{
    [Test]
    public async Task ShouldNameTheCustodianAndPinTheSigningKeyAcrossARotation()
    {
        using var dir = new TempDirectory();
        var store = await GeneratedDataSet.CopyCleanStoreAsync(dir);
        Assert.That((await DistillProcess.RunAsync("detect", "--store", store)).ExitCode, Is.Zero);
        var cluster = await FirstFlaggedAsync(dir, store);

        var unnamed = await DistillProcess.RunAsync("pack", cluster, "--out", dir.File("unnamed.zip"), "--store", store);
        Assert.That(unnamed.ExitCode, Is.EqualTo(2), unnamed.ToString());
        Assert.That(unnamed.Error, Does.Contain("--custodian"));
        Assert.That(File.Exists(dir.File("unnamed.zip")), Is.False);

        var before = await DistillProcess.RunAsync("pack", cluster, "--out", dir.File("before.zip"), "--store", store, "--custodian", "Jo Tester");
        Assert.That(before.ExitCode, Is.Zero, before.ToString());
        Assert.That(File.Exists(store + ".pack-key.pem.public-keys.json"), Is.True, "the key that signed is in the public register");
        using (var archive = ZipFile.OpenRead(dir.File("before.zip")))
        using (var custody = new StreamReader(archive.GetEntry("custody.jsonl")!.Open()))
        {
            var entry = JsonDocument.Parse(await custody.ReadLineAsync() ?? "").RootElement;
            Assert.That(entry.GetProperty("holder").GetString(), Is.EqualTo("Jo Tester"));
            Assert.That(entry.GetProperty("osUser").GetString(), Is.EqualTo(Environment.UserName));
            Assert.That(entry.GetProperty("keyId").GetString(), Is.EqualTo("cli"));
        }

        var unpinned = await DistillProcess.RunAsync("verify-pack", dir.File("before.zip"));
        Assert.That(unpinned.ExitCode, Is.Zero, unpinned.ToString());
        Assert.That(unpinned.Output, Does.Contain("WARNING: the signer is unverified"));

        var show = await DistillProcess.RunAsync("signing-key", "show", "--store", store);
        Assert.That(show.Output, Does.Contain("active").And.Contain("sk-"));
        var rotate = await DistillProcess.RunAsync("signing-key", "rotate", "--store", store);
        Assert.That(rotate.ExitCode, Is.Zero, rotate.ToString());
        var published = dir.File("published.txt");
        Assert.That((await DistillProcess.RunAsync("signing-key", "export-public", "--store", store, "--out", published)).ExitCode, Is.Zero);
        var after = await DistillProcess.RunAsync("pack", cluster, "--out", dir.File("after.zip"), "--store", store, "--custodian", "Jo Tester");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());

        foreach (var pack in new[] { "before.zip", "after.zip" })
        {
            var pinned = await DistillProcess.RunAsync("verify-pack", dir.File(pack), "--trusted-keys", published);
            Assert.That(pinned.ExitCode, Is.Zero, pinned.ToString());
            Assert.That(pinned.Output, Does.Contain("TRUSTED").And.Not.Contain("WARNING"));
        }

        // A list published by someone else: the same intact pack must fail, and say why.
        var otherStore = dir.File("other.db");
        var other = dir.File("other.txt");
        Assert.That((await DistillProcess.RunAsync("signing-key", "export-public", "--store", otherStore, "--out", other)).ExitCode, Is.Zero);
        var foreign = await DistillProcess.RunAsync("verify-pack", dir.File("after.zip"), "--trusted-keys", other);
        Assert.That(foreign.ExitCode, Is.EqualTo(1), foreign.ToString());
        Assert.That(foreign.Output, Does.Contain("UNTRUSTED KEY").And.Contain("not one of the 1 trusted fingerprint(s)"));

        await File.WriteAllTextAsync(dir.File("bad.txt"), "not a fingerprint\n");
        var bad = await DistillProcess.RunAsync("verify-pack", dir.File("after.zip"), "--trusted-keys", dir.File("bad.txt"));
        Assert.That(bad.ExitCode, Is.EqualTo(2), bad.ToString());
        Assert.That(bad.Error, Does.Contain("line 1"));
    }

    [Test]
    public async Task ShouldRequireAHolderForLegalAndAdminKeys()
    {
        using var dir = new TempDirectory();

        var anonymous = await DistillProcess.RunAsync("keys", "create", "--role", "legal", "--store", dir.File("s.db"));
        var named = await DistillProcess.RunAsync("keys", "create", "--role", "legal", "--holder", "Lee Counsel", "--store", dir.File("s.db"));

        Assert.That(anonymous.ExitCode, Is.EqualTo(2), anonymous.ToString());
        Assert.That(anonymous.Error, Does.Contain("holder"));
        Assert.That(named.ExitCode, Is.Zero, named.ToString());
        Assert.That(named.Error, Does.Contain("held by Lee Counsel"));
        Assert.That(StoreDump.Text(dir.File("s.db"), "SELECT group_concat(holder) FROM api_keys"), Is.EqualTo("Lee Counsel"));
    }

    private static async Task<string> FirstFlaggedAsync(TempDirectory dir, string store)
    {
        var path = dir.File("clusters.json");
        Assert.That((await DistillProcess.RunAsync("export-clusters", "--out", path, "--store", store)).ExitCode, Is.Zero);
        using var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(path));
        return doc.RootElement.GetProperty("clusters").EnumerateArray().First(c => c.GetProperty("flagged").GetBoolean()).GetProperty("id").GetString()!;
    }
}
