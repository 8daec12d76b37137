using System.Diagnostics;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Infrastructure.Ingestion;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Infrastructure.Tests.Ingestion;

/// <summary>Issue 17, items 5 and 13: symbolic link loops, cancellation, and a rejects path among the inputs.</summary>
public sealed class InputFileDiscoveryTests
{
    private const string Releases = "model,released_at\nm,2026-01-05T13:04:11Z\n";

    [Test]
    public void ShouldNotFollowADirectorySymlinkLoopByDefault()
    {
        using var dir = new TempDirectory();
        dir.File("in/a/releases.csv", Releases);
        // a/loop -> .., b/up -> ../a: a walk that follows links never ends (and grows exponentially).
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "in/a/loop"), "..");
        Directory.CreateDirectory(Path.Combine(dir.Path, "in/b"));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "in/b/up"), "../a");
        var clock = Stopwatch.StartNew();
        var found = InputFileDiscovery.Discover([Path.Combine(dir.Path, "in")], new DiscoveryOptions(), CancellationToken.None);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(found.Files.Select(f => Path.GetFileName(f.Path)), Is.EqualTo(new[] { "releases.csv" }));
        Assert.That(found.Warnings.Count(w => w.Contains("symbolic link to a directory; not followed", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [Test]
    public void ShouldWalkEachRealDirectoryOnceWhenFollowingSymlinks()
    {
        using var dir = new TempDirectory();
        dir.File("in/a/releases.csv", Releases);
        dir.File("elsewhere/releases-2.csv", Releases);
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "in/a/loop"), "..");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "in/a/self"), ".");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "in/more"), Path.Combine(dir.Path, "elsewhere"));
        var found = InputFileDiscovery.Discover([Path.Combine(dir.Path, "in")], new DiscoveryOptions(FollowDirectorySymlinks: true), CancellationToken.None);
        Assert.That(found.Files.Select(f => Path.GetFileName(f.Path)).Order(), Is.EqualTo(new[] { "releases-2.csv", "releases.csv" }));
    }

    [Test]
    public void ShouldHonourCancellationWhileWalking()
    {
        using var dir = new TempDirectory();
        dir.File("in/a/releases.csv", Releases);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            InputFileDiscovery.Discover([Path.Combine(dir.Path, "in")], new DiscoveryOptions(), cancelled.Token));
    }

    [Test]
    public void ShouldRefuseARejectsPathThatIsAnInput()
    {
        using var dir = new TempDirectory();
        var accounts = dir.File("in/accounts.csv", "account_id,created_at,access_pathway\na1,2026-01-05T13:04:11Z,self_serve\n");
        var found = InputFileDiscovery.Discover([accounts], new DiscoveryOptions(RejectsPath: Path.Combine(dir.Path, "in", ".", "accounts.csv")), CancellationToken.None);
        Assert.That(found.Errors, Has.Count.EqualTo(1));
        Assert.That(found.Errors[0], Does.Contain("rejects report"));

        var link = Path.Combine(dir.Path, "report.jsonl");
        File.CreateSymbolicLink(link, accounts);
        found = InputFileDiscovery.Discover([accounts], new DiscoveryOptions(RejectsPath: link), CancellationToken.None);
        Assert.That(found.Errors, Has.Count.EqualTo(1), "a link to the input is the input");
    }

    [Test]
    public void ShouldRefuseARejectsPathInsideAnInputDirectory()
    {
        using var dir = new TempDirectory();
        dir.File("in/releases.csv", Releases);
        var input = Path.Combine(dir.Path, "in");
        var found = InputFileDiscovery.Discover([input], new DiscoveryOptions(RejectsPath: Path.Combine(input, "sub", "rejects.jsonl")), CancellationToken.None);
        Assert.That(found.Errors, Has.Count.EqualTo(1));
        Assert.That(found.Errors[0], Does.Contain("inside this input directory"));

        var beside = InputFileDiscovery.Discover([input], new DiscoveryOptions(RejectsPath: Path.Combine(dir.Path, "in-rejects.jsonl")), CancellationToken.None);
        Assert.That(beside.Errors, Is.Empty, "a sibling whose name starts like the directory is outside it");
    }

    [Test]
    public void ShouldMeasureAFileSymlinkByTheFileItNames()
    {
        // Progress is read against the input's size: a link's own size (its target path) made it run to millions of percent.
        using var dir = new TempDirectory();
        var content = string.Concat(Enumerable.Repeat(Releases, 50));
        dir.File("data/releases.csv", content);
        Directory.CreateDirectory(Path.Combine(dir.Path, "in"));
        var link = Path.Combine(dir.Path, "in/releases.csv");
        File.CreateSymbolicLink(link, Path.Combine(dir.Path, "data/releases.csv"));
        var found = InputFileDiscovery.Discover([Path.Combine(dir.Path, "in")], new DiscoveryOptions(), CancellationToken.None);
        Assert.That(found.Files, Has.Count.EqualTo(1));
        Assert.That(new LocalInputFiles().SizeOf(found.Files[0]), Is.EqualTo(new FileInfo(Path.Combine(dir.Path, "data/releases.csv")).Length));
    }
}
