using System.Text;
using Distill.Attribution.Application.Ingestion.IngestFiles;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Infrastructure.Ingestion;
using Distill.Attribution.Testing;
using Distill.Attribution.Testing.Fakes;

namespace Distill.Attribution.Application.Tests.Ingestion.IngestFiles;

public sealed class IngestFilesHandlerTests
{
    private const string RequestsHeader = "request_id,account_id,ts,model,ip,input_tokens,output_tokens\n";
    private TempDirectory _dir = null!;
    private InMemoryIngestStore _store = null!;

    private string RejectsPath => Path.Combine(_dir.Path, "out", "rejects.jsonl");

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDirectory();
        _store = new InMemoryIngestStore();
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public async Task ShouldWriteADirectoryInKindOrderWithCounts()
    {
        _dir.File("in/requests.csv", RequestsHeader + "r1,a1,2026-01-05T13:04:11Z,m,203.0.113.7,1,2\nr2,a2,2026-01-05T13:04:12Z,m,,,\n");
        _dir.File("in/sub/accounts-2026.jsonl", "{\"account_id\":\"a1\",\"created_at\":\"2026-01-01T00:00:00Z\",\"access_pathway\":\"self_serve\"}\n");
        _dir.File("in/payments.csv", "account_id,instrument_fingerprint,first_seen\na1,fp1,2026-01-01T00:00:00Z\n");
        _dir.File("in/sessions.csv", "account_id,ip,seen_at\na1,203.0.113.7,2026-01-01T00:00:00Z\n");
        _dir.File("in/releases.csv", "model,released_at\nm,2026-01-01T00:00:00Z\n");
        _dir.File("in/indicators.csv", "operator_id,kind,value\nop,ip,203.0.113.7\n");

        var result = await Ingest(false, Path.Combine(_dir.Path, "in"));

        Assert.That(result.HasRejections, Is.False);
        Assert.That(_store.Batches.Select(b => b.Kind), Is.EqualTo(Enum.GetValues<RecordKind>()));
        Assert.That(result.Kinds.Select(k => (k.Kind, k.Read, k.Accepted, k.New)), Is.EqualTo(new List<(RecordKind, long, long, long)>
        {
            (RecordKind.Accounts, 1, 1, 1), (RecordKind.Payments, 1, 1, 1), (RecordKind.Sessions, 1, 1, 1),
            (RecordKind.Requests, 2, 2, 2), (RecordKind.Releases, 1, 1, 1), (RecordKind.Indicators, 1, 1, 1),
        }));
        Assert.That(File.ReadAllText(RejectsPath), Is.Empty, "the rejects report is written (empty) every run");
    }

    [Test]
    public async Task ShouldCountDuplicateRequestIdsWithinAndAcrossFilesOnce()
    {
        var a = _dir.File("requests-a.csv", RequestsHeader + "r1,a1,2026-01-05T13:04:11Z,m,,,\nr1,a1,2026-01-05T13:04:11Z,m,,,\nr2,a1,2026-01-05T13:04:11Z,m,,,\n");
        var b = _dir.File("requests-b.jsonl", "{\"request_id\":\"r2\",\"account_id\":\"a1\",\"ts\":\"2026-01-05T13:04:11Z\",\"model\":\"m\"}\n{\"request_id\":\"r3\",\"account_id\":\"a1\",\"ts\":\"2026-01-05T13:04:11Z\",\"model\":\"m\"}\n");

        var first = await Ingest(false, a, b);
        Assert.That(first.Files.Select(f => (f.Read, f.Accepted, f.New)), Is.EqualTo(new List<(long, long, long)> { (3, 3, 2), (2, 2, 1) }));
        Assert.That(_store.Requests.Keys, Is.EquivalentTo(new List<string> { "r1", "r2", "r3" }));

        var again = await Ingest(false, a, b);
        Assert.That(again.Files.Sum(f => f.New), Is.Zero, "ingesting the same files twice adds nothing");
        Assert.That(_store.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task ShouldRejectACardNumberWithoutEverEchoingIt()
    {
        var path = _dir.File("payments.csv", "account_id,instrument_fingerprint,first_seen\na1,4111 1111 1111 1111,2026-01-01T00:00:00Z\na2,fp-2,2026-01-01T00:00:00Z\n");
        var jsonl = _dir.File("payments.jsonl", "{\"account_id\":\"a3\",\"instrument_fingerprint\":\"5500-0000-0000-0004\",\"first_seen\":\"2026-01-01T00:00:00Z\"}\n");

        var result = await Ingest(false, path, jsonl);

        Assert.That(result.Rejected, Is.EqualTo(2));
        var report = File.ReadAllText(RejectsPath);
        Assert.That(report, Does.Contain("\"field\":\"instrument_fingerprint\""));
        Assert.That(report, Does.Contain("\"line\":2"));
        // The temporary folder's name holds random hex digits that may spell a searched run: leave it out.
        var scrubbed = report.Replace(_dir.Path, "<dir>", StringComparison.Ordinal);
        var digitsOnly = new string(scrubbed.Where(char.IsAsciiDigit).ToArray());
        Assert.That(scrubbed + digitsOnly, Does.Not.Contain("4111").And.Not.Contain("1111").And.Not.Contain("5500").And.Not.Contain("0004"));
        var everything = string.Join("\n", result.Warnings) + string.Join("\n", result.Files.Select(f => f.Error));
        Assert.That(everything, Does.Not.Contain("4111").And.Not.Contain("5500"));
        Assert.That(_store.Batches.SelectMany(b => b.Payments).Select(p => p.InstrumentFingerprint), Is.EqualTo(new List<string> { "fp-2" }));
    }

    [TestCase("r1,a1,yesterday,m,,,", "ts", "must be an RFC 3339 timestamp such as 2026-01-05T13:04:11Z")]
    [TestCase("r1,a1,2026-01-05T13:04:11,m,,,", "ts", "timestamp has no UTC offset; add Z or +hh:mm")]
    [TestCase("r1,a1,2026-01-05T13:04:11Z,m,,-4,", "input_tokens", "must be an integer >= 0")]
    [TestCase("r1,,2026-01-05T13:04:11Z,m,,,", "account_id", "required")]
    public async Task ShouldRejectABadRowWithFileLineFieldAndReason(string row, string field, string reason)
    {
        var path = _dir.File("requests.csv", RequestsHeader + "r0,a0,2026-01-05T13:04:11Z,m,,,\n" + row + "\n");

        var result = await Ingest(false, path);

        Assert.That((result.RowsRead, result.Rejected, _store.Requests.Count), Is.EqualTo((2L, 1L, 1)));
        var reject = File.ReadAllLines(RejectsPath).Single();
        Assert.That(reject, Is.EqualTo($"{{\"file\":{System.Text.Json.JsonSerializer.Serialize(path)},\"line\":3,\"field\":\"{field}\",\"reason\":{System.Text.Json.JsonSerializer.Serialize(reason)}}}"));
    }

    [Test]
    public async Task ShouldRejectAnUnknownEnumValueNamingTheAllowedOnes()
    {
        var path = _dir.File("accounts.csv", "account_id,created_at,access_pathway\na1,2026-01-01T00:00:00Z,vip\n");
        await Ingest(false, path);
        Assert.That(File.ReadAllText(RejectsPath), Does.Contain("expected one of: self_serve, education"));
    }

    [Test]
    public async Task ShouldAcceptIpv6InCanonicalForm()
    {
        var path = _dir.File("sessions.csv", "account_id,ip,seen_at\na1,2001:DB8:0::7,2026-01-01T00:00:00Z\n");
        var result = await Ingest(false, path);
        Assert.That(result.HasRejections, Is.False);
        Assert.That(_store.Batches.Single().Sessions.Single().Ip, Is.EqualTo("2001:db8::7"));
    }

    [Test]
    public async Task ShouldKeepNothingOfAFileWithARejectionInStrictMode()
    {
        var bad = _dir.File("requests-1.csv", RequestsHeader + "r1,a1,2026-01-05T13:04:11Z,m,,,\nr2,a1,2026-01-05T13:04:11Z,m,,-1,\n");
        var good = _dir.File("requests-2.csv", RequestsHeader + "r3,a1,2026-01-05T13:04:11Z,m,,,\n");

        var result = await Ingest(true, bad, good, _options with { RequestBatchSize = 1 });

        Assert.That(_store.Requests.Keys, Is.EqualTo(new List<string> { "r3" }));
        Assert.That(result.Files[0].Aborted, Is.True);
        Assert.That(result.Files[0].Rejected, Is.EqualTo(1));
        Assert.That(result.Files[1].Aborted, Is.False);
        Assert.That(result.HasRejections, Is.True);
        Assert.That(File.ReadAllLines(RejectsPath), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task ShouldKeepTheValidRowsWithoutStrict()
    {
        var bad = _dir.File("requests.csv", RequestsHeader + "r1,a1,2026-01-05T13:04:11Z,m,,,\nr2,a1,2026-01-05T13:04:11Z,m,,-1,\n");
        var result = await Ingest(false, bad);
        Assert.That(_store.Requests.Keys, Is.EqualTo(new List<string> { "r1" }));
        Assert.That(result.Files[0].Aborted, Is.False);
    }

    [Test]
    public async Task ShouldFailATruncatedGzipClearly()
    {
        var text = new StringBuilder(RequestsHeader);
        for (var i = 0; i < 20_000; i++)
        {
            text.Append('r').Append(i).Append(",a1,2026-01-05T13:04:11Z,m,,,\n");
        }

        var whole = _dir.Gzip("requests-whole.csv.gz", text.ToString());
        var bytes = File.ReadAllBytes(whole);
        var cut = _dir.File("requests-cut.csv.gz", bytes[..(bytes.Length / 2)]);

        var ok = await Ingest(true, whole);
        Assert.That((ok.HasRejections, _store.Requests.Count), Is.EqualTo((false, 20_000)));

        var result = await Ingest(true, cut);
        Assert.That(result.Files.Single().Error, Does.Contain("truncated or corrupt gzip"));
        Assert.That(result.Files.Single().Aborted, Is.True);
        Assert.That(result.HasRejections, Is.True);
        Assert.That(File.ReadAllText(RejectsPath), Does.Contain("gzip"));
    }

    [Test]
    public async Task ShouldWarnAboutAnUnrecognisedFileInADirectory()
    {
        _dir.File("in/README.md", "hello");
        _dir.File("in/requests.txt", "not ours");
        _dir.File("in/releases.csv", "model,released_at\nm,2026-01-01T00:00:00Z\n");

        var result = await Ingest(false, Path.Combine(_dir.Path, "in"));

        Assert.That(result.UsageErrors, Is.Empty);
        Assert.That(result.Warnings, Has.Count.EqualTo(2));
        Assert.That(result.Warnings, Has.All.Contain("not a recognised input file name"));
        Assert.That(_store.Batches.Single().Kind, Is.EqualTo(RecordKind.Releases));
        Assert.That(result.HasRejections, Is.False);
    }

    [Test]
    public async Task ShouldRefuseAnUnrecognisedFileNamedExplicitly()
    {
        var path = _dir.File("data.csv", "x\n1\n");
        var result = await Ingest(false, path, Path.Combine(_dir.Path, "missing.csv"));
        Assert.That(result.UsageErrors, Has.Count.EqualTo(2));
        Assert.That(_store.Batches, Is.Empty);
    }

    [TestCase("")]
    [TestCase(RequestsHeader)]
    public async Task ShouldIngestNothingFromAnEmptyOrHeaderOnlyFile(string text)
    {
        var path = _dir.File("requests.csv", text);
        var result = await Ingest(false, path);
        Assert.That((result.HasRejections, result.RowsRead, _store.Batches.Count), Is.EqualTo((false, 0L, 0)));
        Assert.That(result.Warnings, text.Length == 0 ? Has.One.Contain("empty file") : Is.Empty);
    }

    [TestCase("request_id,account_id,model\nr1,a1,m\n", "missing required column(s): ts")]
    [TestCase("request_id;account_id;ts;model\nr1;a1;2026-01-05T13:04:11Z;m\n", "comma-separated")]
    public async Task ShouldRejectAFileWithABadHeader(string text, string message)
    {
        var path = _dir.File("requests.csv", text);
        var result = await Ingest(false, path);
        Assert.That(result.Files.Single().Error, Does.Contain(message));
        Assert.That(result.HasRejections, Is.True);
        Assert.That(File.ReadAllText(RejectsPath), Does.Contain("\"line\":1"));
    }

    [Test]
    public async Task ShouldStopWhenTheStoreFails()
    {
        var text = new StringBuilder(RequestsHeader);
        for (var i = 0; i < 1000; i++)
        {
            text.Append('r').Append(i).Append(",a1,2026-01-05T13:04:11Z,m,,,\n");
        }

        var path = _dir.File("requests.csv", text.ToString());
        _store.FailOnBatch = 3;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Ingest(false, path, _options with { RequestBatchSize = 10 }));
        Assert.That(_store.Batches, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task ShouldReportProgressByBytes()
    {
        var path = _dir.File("requests.csv", RequestsHeader + string.Concat(Enumerable.Range(0, 100).Select(i => $"r{i},a1,2026-01-05T13:04:11Z,m,,,\n")));
        var reports = new List<IngestProgress>();
        var handler = new IngestFilesHandler(_store, new LocalInputFiles(), new JsonLinesRejectsReports(), _options with { ProgressEveryRows = 10 });
        await handler.Handle(new IngestFilesCommand([path], false, RejectsPath), new ListProgress(reports), CancellationToken.None);
        Assert.That(reports, Has.Count.GreaterThanOrEqualTo(10));
        Assert.That(reports[^1].BytesRead, Is.EqualTo(new FileInfo(path).Length));
        Assert.That(reports[^1].BytesTotal, Is.EqualTo(new FileInfo(path).Length));
        Assert.That(reports[^1].RowsRead, Is.EqualTo(100));
    }

    private readonly IngestOptions _options = new();

    private Task<IngestFilesResult> Ingest(bool strict, params string[] paths) => Ingest(strict, paths, _options);

    private Task<IngestFilesResult> Ingest(bool strict, string a, IngestOptions options) => Ingest(strict, [a], options);

    private Task<IngestFilesResult> Ingest(bool strict, string a, string b, IngestOptions options) => Ingest(strict, [a, b], options);

    private Task<IngestFilesResult> Ingest(bool strict, string[] paths, IngestOptions options) =>
        new IngestFilesHandler(_store, new LocalInputFiles(), new JsonLinesRejectsReports(), options).Handle(new IngestFilesCommand(paths, strict, RejectsPath), null, CancellationToken.None);

    private sealed class ListProgress(List<IngestProgress> reports) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => reports.Add(value);
    }
}
