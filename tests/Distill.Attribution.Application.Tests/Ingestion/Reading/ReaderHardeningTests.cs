using System.IO.Compression;
using System.Text;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Application.Tests.Ingestion.Reading;

/// <summary>Issue 17, items 14-16: CR-only line endings, quote bombs, multi-member gzip.</summary>
public sealed class ReaderHardeningTests
{
    private const string Header = "request_id,account_id,ts,model";

    private static string Rows(int from, int count, string newline = "\n") =>
        string.Concat(Enumerable.Range(from, count).Select(i => $"r{i},a{i % 7},2026-01-05T13:04:11Z,m{newline}"));

    [Test]
    public void ShouldReadCrOnlyLineEndings([Values(1, 0)] int chunk)
    {
        var read = RowReading.Csv(Header + "\r" + Rows(1, 3, "\r") + "\"r,4\",a,2026-01-05T13:04:11Z,\"x\ry\"\r", chunk: chunk);
        Assert.That(read.Rows.Select(r => r.Values["request_id"]), Is.EqualTo(new[] { "r1", "r2", "r3", "r,4" }));
        Assert.That(read.Rows.All(r => r.ErrorReason is null), Is.True);
        Assert.That(read.Rows[3].Values["model"], Is.EqualTo("x\ry"), "a CR inside quotes is data");
        Assert.That(read.Rows.Select(r => r.Line), Is.EqualTo(new long[] { 2, 3, 4, 5 }));
        Assert.That(read.Warnings, Is.Empty, "the rows are not mistaken for one header of unknown columns");
    }

    [Test]
    public void ShouldReadCrOnlyJsonLines()
    {
        var line = "{\"request_id\":\"r1\",\"account_id\":\"a\",\"ts\":\"2026-01-05T13:04:11Z\",\"model\":\"m\"}";
        var read = RowReading.Jsonl(line + "\r" + line.Replace("r1", "r2", StringComparison.Ordinal) + "\r");
        Assert.That(read.Rows.Select(r => (r.ErrorReason, r.Values.GetValueOrDefault("request_id"))), Is.EqualTo(new (string?, string?)[] { (null, "r1"), (null, "r2") }));
    }

    [Test]
    public void ShouldCapTheUnknownColumnsListedInAWarning()
    {
        var header = Header + "," + string.Join(",", Enumerable.Range(0, 500).Select(i => $"c{i}"));
        var read = RowReading.Csv(header + "\n");
        Assert.That(read.Warnings, Has.Count.EqualTo(1));
        Assert.That(read.Warnings[0], Does.EndWith("and 480 more"));
        Assert.That(read.Warnings[0], Does.Not.Contain("c20,"));
    }

    [Test]
    public void ShouldResynchroniseAfterAQuoteThatIsNeverClosed([Values(0, 3)] int chunk)
    {
        var text = Header + "\n" + Rows(1, 2) + "r3,\"a3,2026-01-05T13:04:11Z,m\n" + Rows(4, 2000);
        var read = RowReading.Csv(text, chunk: chunk);
        var rejected = read.Rows.Where(r => r.ErrorReason is not null).ToList();
        Assert.That(rejected.Select(r => r.Line), Is.EqualTo(new long[] { 4 }), "only the line with the stray quote");
        Assert.That(rejected[0].ErrorReason, Does.Contain("reading resumes at the next line"));
        Assert.That(read.Rows.Count(r => r.ErrorReason is null), Is.EqualTo(2002), "every later row is read");
        Assert.That(read.Rows[^1].Line, Is.EqualTo(2004));
    }

    [Test]
    public void ShouldResynchroniseWhenAStrayQuotePairsWithALaterOne()
    {
        // The stray quote on line 3 pairs with the stray quote on line 6: lines 3-6 would be one malformed row.
        var text = Header + "\n" + Rows(1, 1) + "r2,\"a2,2026-01-05T13:04:11Z,m\n" + Rows(3, 2) + "r5,a5,2026-01-05T13:04:11Z,m\"\n" + Rows(6, 2);
        var read = RowReading.Csv(text);
        var rejected = read.Rows.Where(r => r.ErrorReason is not null).ToList();
        Assert.That(rejected.Select(r => r.Line), Is.EqualTo(new long[] { 3, 6 }));
        Assert.That(rejected[0].ErrorReason, Does.Contain("ran over 4 lines"));
        Assert.That(read.Rows.Where(r => r.ErrorReason is null).Select(r => r.Values["request_id"]), Is.EqualTo(new[] { "r1", "r3", "r4", "r6", "r7" }));
        Assert.That(read.Rows.Where(r => r.ErrorReason is null).Select(r => r.Line), Is.EqualTo(new long[] { 2, 4, 5, 7, 8 }));
    }

    [Test]
    public void ShouldResynchroniseWhenAnOpenQuoteOutgrowsTheRowLimit()
    {
        var text = Header + "\n" + "r0,\"a0,2026-01-05T13:04:11Z,m\n" + Rows(1, 5000);
        var read = RowReading.Csv(text, options: new ReaderOptions { MaxRowBytes = 4096, InitialBufferBytes = 1024 });
        Assert.That(read.Rows.Where(r => r.ErrorReason is not null).Select(r => r.Line), Is.EqualTo(new long[] { 2 }));
        Assert.That(read.Rows.Count(r => r.ErrorReason is null), Is.EqualTo(5000));
    }

    [Test]
    public void ShouldKeepAValidMultiLineQuotedFieldWhole()
    {
        var read = RowReading.Csv(Header + "\nr1,a1,2026-01-05T13:04:11Z,\"two\nlines\"\nr2,a2,2026-01-05T13:04:11Z,m\n");
        Assert.That(read.Rows.Select(r => (r.ErrorReason, r.Values["model"])), Is.EqualTo(new (string?, string)[] { (null, "two\nlines"), (null, "m") }));
    }

    [Test]
    public void ShouldReadEveryMemberOfAMultiMemberGzip()
    {
        using var dir = new TempDirectory();
        var first = Header + "\n" + Rows(1, 30_000);
        var second = Rows(30_001, 5);
        var path = dir.File("requests.csv.gz", [.. Gzip(first), .. Gzip(second), .. Gzip(string.Empty), .. Gzip(Rows(30_006, 1))]);
        var rows = ReadAll(path);
        Assert.That(rows.Count(r => r.ErrorReason is null), Is.EqualTo(30_006));
    }

    [Test]
    public void ShouldStillReportATruncatedMultiMemberGzip()
    {
        using var dir = new TempDirectory();
        var whole = Gzip(Header + "\n" + Rows(1, 100)).Concat(Gzip(Rows(101, 20_000))).ToArray();
        foreach (var cut in new[] { 1, 4, 8, 9, 5000 })
        {
            var path = dir.File($"requests-{cut}.csv.gz", whole[..^cut]);
            var e = Assert.Throws<InputFileException>(() => ReadAll(path), $"cut {cut}");
            Assert.That(e!.Message, Does.Contain("gzip"));
        }

        var garbage = dir.File("requests-tail.csv.gz", [.. whole, 1, 2, 3]);
        Assert.Throws<InputFileException>(() => ReadAll(garbage));
        var padded = dir.File("requests-padded.csv.gz", [.. whole, .. new byte[512]]);
        Assert.That(ReadAll(padded), Has.Count.EqualTo(20_100), "zero padding after the last member is accepted");
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private static List<ReadRow> ReadAll(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
        using var gzip = new GzipCheckedStream(file);
        return RowReading.Read(gzip, InputFormat.Csv, RecordKind.Requests).Rows;
    }
}
