using System.Text;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Tests.Ingestion.Reading;

public sealed class CsvRowReaderTests
{
    private const string Header = "request_id,account_id,ts,model";

    [Test]
    public void ShouldMapColumnsByHeaderInAnyOrder()
    {
        var read = RowReading.Csv("model,ts,account_id,request_id\nm1,2026-01-05T13:04:11Z,a1,r1\n");
        Assert.That(read.Rows, Has.Count.EqualTo(1));
        Assert.That(read.Rows[0].Values, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["request_id"] = "r1",
            ["account_id"] = "a1",
            ["ts"] = "2026-01-05T13:04:11Z",
            ["model"] = "m1",
        }));
    }

    [Test]
    public void ShouldUnescapeQuotesDoubledQuotesAndEmbeddedNewlines()
    {
        var text = Header + ",client\n\"r,1\",\"a\"\"1\",2026-01-05T13:04:11Z,\"line1\nline2\",\"\"\nr2,a2,2026-01-05T13:04:11Z,m,x\n";
        var read = RowReading.Csv(text);
        Assert.That(read.Rows, Has.Count.EqualTo(2));
        Assert.That(read.Rows[0].Values["request_id"], Is.EqualTo("r,1"));
        Assert.That(read.Rows[0].Values["account_id"], Is.EqualTo("a\"1"));
        Assert.That(read.Rows[0].Values["model"], Is.EqualTo("line1\nline2"));
        Assert.That(read.Rows[0].Values.ContainsKey("client"), Is.False, "an empty quoted field is absent");
        Assert.That(read.Rows[0].Line, Is.EqualTo(2));
        Assert.That(read.Rows[1].Line, Is.EqualTo(4), "the embedded newline moves the next row's line number");
    }

    [Test]
    public void ShouldHandleCrlfBomAndAMissingFinalNewline()
    {
        var text = "\uFEFF" + Header + "\r\nr1,a1,2026-01-05T13:04:11Z,m1\r\n\r\nr2,a2,2026-01-05T13:04:11Z,m2";
        var read = RowReading.Csv(text);
        Assert.That(read.Rows.Select(r => r.Values["request_id"]), Is.EqualTo(new List<string> { "r1", "r2" }));
        Assert.That(read.Rows.Select(r => r.Values["model"]), Is.EqualTo(new List<string> { "m1", "m2" }), "no \\r left in the last field");
        Assert.That(read.Rows[1].Line, Is.EqualTo(4), "blank lines are skipped but counted");
    }

    [Test]
    public void ShouldGiveTheSameRowsWhateverTheReadSizes()
    {
        var text = Header + ",client\n\"r,1\",\"a\"\"1\",2026-01-05T13:04:11Z,\"x\r\ny\",c\r\nr2,a2,2026-01-05T13:04:11Z,m,\n";
        var whole = RowReading.Csv(text);
        foreach (var chunk in new[] { 1, 2, 3, 7 })
        {
            var trickled = RowReading.Csv(text, options: new ReaderOptions { InitialBufferBytes = 16 }, chunk: chunk);
            Assert.That(trickled.Rows.Select(r => (r.Line, string.Join("|", r.Values.OrderBy(v => v.Key)))),
                Is.EqualTo(whole.Rows.Select(r => (r.Line, string.Join("|", r.Values.OrderBy(v => v.Key))))), $"chunk {chunk}");
        }
    }

    [Test]
    public void ShouldWarnOnceAboutUnknownColumns()
    {
        var read = RowReading.Csv(Header + ",extra,other\nr1,a1,2026-01-05T13:04:11Z,m,x,y\nr2,a1,2026-01-05T13:04:11Z,m,x,y\n");
        Assert.That(read.Warnings, Has.Count.EqualTo(1));
        Assert.That(read.Warnings[0], Does.Contain("extra").And.Contain("other"));
        Assert.That(read.Rows, Has.Count.EqualTo(2));
    }

    [Test]
    public void ShouldFailTheFileWhenARequiredColumnIsMissing()
    {
        var e = Assert.Throws<InputFileException>(() => RowReading.Csv("request_id,account_id,model\nr1,a1,m\n"));
        Assert.That(e!.Message, Does.Contain("missing required column(s): ts"));
        Assert.That(e.Field, Is.EqualTo("ts"));
    }

    [Test]
    public void ShouldExplainAWrongDelimiter()
    {
        var e = Assert.Throws<InputFileException>(() => RowReading.Csv("request_id;account_id;ts;model\nr1;a1;2026-01-05T13:04:11Z;m\n"));
        Assert.That(e!.Message, Does.Contain("comma-separated"));
    }

    [Test]
    public void ShouldReportAnEmptyFile()
    {
        var read = RowReading.Csv(string.Empty);
        Assert.That(read.IsEmpty, Is.True);
        Assert.That(read.Rows, Is.Empty);
    }

    [Test]
    public void ShouldReadNoRowsFromAHeaderOnlyFile()
    {
        var read = RowReading.Csv(Header + "\n");
        Assert.That(read.IsEmpty, Is.False);
        Assert.That(read.Rows, Is.Empty);
    }

    [Test]
    public void ShouldRejectAnUnterminatedQuoteAtTheEndOfTheFile()
    {
        var read = RowReading.Csv(Header + "\nr1,a1,2026-01-05T13:04:11Z,m\nr2,\"a2,2026-01-05T13:04:11Z,m\nr3,a3,2026-01-05T13:04:11Z,m\n");
        // Only the line with the open quote is rejected; the rows after it are read (issue 17, item 16).
        Assert.That(read.Rows, Has.Count.EqualTo(3));
        Assert.That(read.Rows[0].ErrorReason, Is.Null);
        Assert.That(read.Rows[1].Line, Is.EqualTo(3));
        Assert.That(read.Rows[1].ErrorReason, Does.Contain("unterminated quoted field"));
        Assert.That((read.Rows[2].Line, read.Rows[2].ErrorReason, read.Rows[2].Values["request_id"]), Is.EqualTo((4L, (string?)null, "r3")));
    }

    [Test]
    public void ShouldRejectTextAfterAClosingQuoteAndQuotesInsideUnquotedFields()
    {
        var read = RowReading.Csv(Header + "\n\"r1\"x,a1,2026-01-05T13:04:11Z,m\nr\"2,a2,2026-01-05T13:04:11Z,m\n");
        Assert.That(read.Rows.Select(r => r.ErrorReason), Has.All.Not.Null);
    }

    [Test]
    public void ShouldRejectARowWithTheWrongNumberOfFields()
    {
        var read = RowReading.Csv(Header + "\nr1,a1,2026-01-05T13:04:11Z\nr2,a2,2026-01-05T13:04:11Z,m,extra\n");
        Assert.That(read.Rows.Select(r => r.ErrorReason), Is.EqualTo(new List<string> { "row has 3 fields; the header has 4", "row has 5 fields; the header has 4" }));
    }

    [Test]
    public void ShouldRejectInvalidUtf8AndGoOn()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(Header + "\nr1,a"));
        bytes.AddRange(new byte[] { 0xC3, 0x28 }); // a broken two-byte sequence
        bytes.AddRange(Encoding.UTF8.GetBytes(",2026-01-05T13:04:11Z,m\nr2,a2,2026-01-05T13:04:11Z,m\n"));
        var read = RowReading.Read(bytes.ToArray(), InputFormat.Csv, RecordKind.Requests);
        Assert.That(read.Rows[0].ErrorReason, Is.EqualTo("invalid UTF-8"));
        Assert.That(read.Rows[1].ErrorReason, Is.Null);
        Assert.That(read.Rows[1].Values["request_id"], Is.EqualTo("r2"));
    }

    [Test]
    public void ShouldRejectATenMegabyteLineWithoutKeepingIt()
    {
        var huge = new string('x', 10 * 1024 * 1024);
        var text = Header + "\nr1,a1,2026-01-05T13:04:11Z,\"" + huge + "\"\nr2,a2,2026-01-05T13:04:11Z,m\nr3," + huge + ",2026-01-05T13:04:11Z,m\nr4,a4,2026-01-05T13:04:11Z,m\n";
        var before = GC.GetAllocatedBytesForCurrentThread();
        var bytes = Encoding.UTF8.GetBytes(text);
        var afterInput = GC.GetAllocatedBytesForCurrentThread();
        var read = RowReading.Read(bytes, InputFormat.Csv, RecordKind.Requests);
        var readingAllocated = GC.GetAllocatedBytesForCurrentThread() - afterInput;
        Assert.That(read.Rows, Has.Count.EqualTo(4));
        Assert.That(read.Rows[0].ErrorReason, Does.Contain("longer than"));
        Assert.That(read.Rows[1].Values["request_id"], Is.EqualTo("r2"));
        Assert.That(read.Rows[1].Line, Is.EqualTo(3));
        Assert.That(read.Rows[2].ErrorReason, Does.Contain("longer than"));
        Assert.That(read.Rows[3].Values["request_id"], Is.EqualTo("r4"));
        // The buffer stops at the 1 MiB row limit (pooled), far below the 20 MB of long lines.
        Assert.That(readingAllocated, Is.LessThan(4L * 1024 * 1024), $"input itself was {afterInput - before} bytes");
    }
}
