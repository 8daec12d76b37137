using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Application.Evidence.ExportEvidencePack;
using Distill.Attribution.Application.Evidence.VerifyEvidencePack;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Graph.Community;
using Distill.Attribution.Testing;
using Distill.Attribution.Testing.Fakes;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Application.Tests.Evidence;

public sealed class ExportEvidencePackTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task ShouldHandTheWriterTheClusterItsCitedSourcesAndTheCallerInCustody()
    {
        var (runs, run) = await RunAsync();
        var cluster = run.Clusters.First(c => c.Flagged);
        var sources = new RecordingSourceReader();
        var writer = new RecordingWriter();

        var result = await Send(runs, sources, writer, new FixedCaller("k-legal", Role.Legal, "Lee Counsel"), new ExportEvidencePackCommand(cluster.Id, "pack.zip"));

        Assert.That(result.PackPath, Is.EqualTo("pack.zip"));
        Assert.That(result.RunId, Is.EqualTo(run.RunId));
        var content = writer.Content!;
        Assert.That(content.Cluster.Id, Is.EqualTo(cluster.Id));
        Assert.That(content.CreatedAt, Is.EqualTo(Now));
        Assert.That(content.Quality, Is.Null);
        var custody = content.Custody.Single();
        Assert.That(custody, Is.EqualTo(new CustodyEntry(Now, "evidence_pack_requested", "k-legal", "legal", run.RunId, run.InputHash, cluster.Id, run.MembershipHash, "Lee Counsel", null)));
        Assert.That(content.Activity, Is.EqualTo(FixedActivity.Value));
        Assert.That(content.Verdicts, Is.EqualTo(new VerdictCounts(run.CodeVersion, run.ParametersHash, 3, 1, 0)), "verdicts are counted for the run's own detector version");
        var asked = sources.Request!;
        Assert.That(asked.Accounts, Is.SupersetOf(cluster.Members));
        Assert.That(asked.Accounts, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        var cited = cluster.Evidence!.Steps.SelectMany(s => s.Links).SelectMany(l => l.Records).ToList();
        Assert.That(asked.RequestRowIds, Is.EquivalentTo(cited.Where(r => r.RequestRowId is not null).Select(r => r.RequestRowId!.Value).Distinct()));
        Assert.That(asked.Payments, Is.EquivalentTo(cited.Where(r => r.Kind == "payment" && r.RequestRowId is null).Select(r => (r.Account, r.Value!)).Distinct()));
        Assert.That(asked.Payments, Is.Not.Empty);
    }

    [Test]
    public async Task ShouldRefuseAnAnalyst()
    {
        var (runs, run) = await RunAsync();
        var writer = new RecordingWriter();

        var error = await Assert.ThrowsAsync<ForbiddenException>(() =>
            Send(runs, new RecordingSourceReader(), writer, new FixedCaller("k", Role.Analyst), new ExportEvidencePackCommand(run.Clusters.First(c => c.Flagged).Id, "p.zip")));

        Assert.That(error!.Message, Does.Contain("legal"));
        Assert.That(writer.Content, Is.Null);
    }

    [Test]
    public async Task ShouldRefuseAnUnflaggedClusterAndWriteNothing()
    {
        var (runs, run) = await RunAsync();
        var writer = new RecordingWriter();
        var innocent = run.Clusters.First(c => !c.Flagged);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Send(runs, new RecordingSourceReader(), writer, FixedCaller.CommandLine, new ExportEvidencePackCommand(innocent.Id, "p.zip")));

        Assert.That(error!.Message, Does.Contain("not flagged"));
        Assert.That(writer.Content, Is.Null);
    }

    [Test]
    public async Task ShouldReportAnUnknownClusterOrRun()
    {
        var (runs, _) = await RunAsync();

        Assert.That(() => Send(runs, new RecordingSourceReader(), new RecordingWriter(), FixedCaller.CommandLine, new ExportEvidencePackCommand("c-9999", "p.zip")),
            Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("c-9999"));
        Assert.That(() => Send(runs, new RecordingSourceReader(), new RecordingWriter(), FixedCaller.CommandLine, new ExportEvidencePackCommand("c-0001", "p.zip", "run-0042")),
            Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("run-0042"));
    }

    [Test]
    public async Task ShouldRequireAClusterIdAndAnOutputPath()
    {
        var (runs, _) = await RunAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Send(runs, new RecordingSourceReader(), new RecordingWriter(), FixedCaller.CommandLine, new ExportEvidencePackCommand("", "")));

        Assert.That(error!.Errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "ClusterId", "OutputPath" }));
    }

    [Test]
    public async Task ShouldLetAnyoneVerifyAPack()
    {
        var (runs, _) = await RunAsync();

        var result = await Send(runs, new RecordingSourceReader(), new RecordingWriter(), new FixedCaller(null, null), new VerifyEvidencePackQuery("any.zip"));

        Assert.That(result.Problems.Single().Entry, Is.EqualTo("any.zip"));
    }

    private const string IntactSigner = "5f1c9a0d3b7e2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c0e2b4d6f8a0c2e4b6d8f0a";

    [Test]
    public async Task ShouldFailAnIntactPackSignedByAKeyOutsideTheTrustedListAndSaySo()
    {
        var (runs, _) = await RunAsync();
        var other = new HashSet<string>(StringComparer.Ordinal) { new string('a', 64) };

        var untrusted = await Send(runs, new RecordingSourceReader(), new RecordingWriter(), new FixedCaller(null, null), new VerifyEvidencePackQuery("intact.zip", other));
        var trusted = await Send(runs, new RecordingSourceReader(), new RecordingWriter(), new FixedCaller(null, null), new VerifyEvidencePackQuery("intact.zip", new HashSet<string>(StringComparer.Ordinal) { IntactSigner }));
        var unpinned = await Send(runs, new RecordingSourceReader(), new RecordingWriter(), new FixedCaller(null, null), new VerifyEvidencePackQuery("intact.zip"));

        Assert.That(untrusted.IsValid, Is.False);
        Assert.That(untrusted.SignerTrusted, Is.False);
        Assert.That(untrusted.Problems.Single().Kind, Is.EqualTo(PackProblemKind.UntrustedKey));
        Assert.That(untrusted.Problems.Single().Detail, Does.Contain(IntactSigner).And.Contain("not one of the 1 trusted"));
        Assert.That((trusted.IsValid, trusted.SignerTrusted), Is.EqualTo((true, (bool?)true)));
        Assert.That((unpinned.IsValid, unpinned.SignerTrusted), Is.EqualTo((true, (bool?)null)));
    }

    [Test]
    public void ShouldReadATrustedKeysListAndNameTheLineThatIsNotAFingerprint()
    {
        var fingerprints = TrustedSigningKeys.Parse($"# published keys\n\n{IntactSigner.ToUpperInvariant()}  sk-1 created 2026-01-01\nsha256:{new string('b', 64)}\n");

        Assert.That(fingerprints, Is.EquivalentTo(new[] { IntactSigner, new string('b', 64) }));
        Assert.That(Assert.Throws<FormatException>(() => TrustedSigningKeys.Parse($"{IntactSigner}\nnot-a-key\n"))!.Message, Does.Contain("line 2"));
        Assert.Throws<FormatException>(() => TrustedSigningKeys.Parse("# nothing\n"));
    }

    private static async Task<(InMemoryRunStore Runs, DetectionRun Run)> RunAsync()
    {
        var builder = new SnapshotBuilder()
            .Campaign("camp", accounts: 20, seed: 51)
            .IndependentUsers("user", 40, seed: 53)
            .Family("family")
            .Indicator("op-a", IndicatorKind.PaymentFingerprint, "card-camp-2", 0.9, "Example Lab");
        var runs = new InMemoryRunStore();
        var handler = new DetectClustersHandler(new FixedSnapshotSource(builder.Build()), runs, (g, _, _) => ConnectedComponents.Compute(g), TimeProvider.System);
        var result = await handler.Handle(new DetectClustersCommand(), CancellationToken.None);
        return (runs, result.Run);
    }

    private static async Task<T> Send<T>(IRunStore runs, ISourceRecordReader sources, IEvidencePackWriter writer, ICaller caller, IRequest<T> request)
    {
        await using var services = new ServiceCollection()
            .AddAttributionApplication()
            .AddSingleton(runs)
            .AddSingleton(sources)
            .AddSingleton(writer)
            .AddSingleton<IDetectorQualitySource>(new NoQuality())
            .AddSingleton<IClusterActivityReader>(new FixedActivity())
            .AddSingleton<IVerdictTally>(new FixedVerdicts())
            .AddSingleton<IEvidencePackVerifier>(new MalformedVerifier())
            .AddSingleton<IClock>(new FixedClock(Now))
            .AddSingleton(caller)
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    private sealed class RecordingSourceReader : ISourceRecordReader
    {
        public SourceRecordRequest? Request { get; private set; }

        public Task<SourceRecords> ReadAsync(SourceRecordRequest request, CancellationToken ct)
        {
            Request = request;
            return Task.FromResult(SourceRecords.Empty);
        }
    }

    private sealed class RecordingWriter : IEvidencePackWriter
    {
        public EvidencePackContent? Content { get; private set; }

        public Task<EvidencePackWritten> WriteAsync(EvidencePackContent content, string outputPath, CancellationToken ct)
        {
            Content = content;
            return Task.FromResult(new EvidencePackWritten(outputPath, "00", "11", 13));
        }
    }

    private sealed class FixedActivity : IClusterActivityReader
    {
        public static readonly ClusterActivity Value = new(7, Now.AddDays(-9), Now.AddDays(-1), [], []);

        public Task<ClusterActivity?> ReadAsync(IReadOnlyList<string> accounts, CancellationToken ct) => Task.FromResult<ClusterActivity?>(Value);
    }

    private sealed class FixedVerdicts : IVerdictTally
    {
        public Task<VerdictCounts> CountAsync(string codeVersion, string parametersHash, CancellationToken ct) =>
            Task.FromResult(new VerdictCounts(codeVersion, parametersHash, 3, 1, 0));
    }

    private sealed class NoQuality : IDetectorQualitySource
    {
        public Task<DetectorQuality?> ReadAsync(CancellationToken ct) => Task.FromResult<DetectorQuality?>(null);
    }

    private sealed class MalformedVerifier : IEvidencePackVerifier
    {
        public Task<EvidencePackVerification> VerifyAsync(string path, CancellationToken ct) =>
            Task.FromResult(path == "intact.zip"
                ? new EvidencePackVerification([], 12, "aa", IntactSigner)
                : new EvidencePackVerification([new PackProblem(PackProblemKind.Malformed, path, "test")], 0, null, null));
    }
}
