using System.Text;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Tests.Ingestion.Reading;

public sealed class JsonLinesRowReaderTests
{
    [Test]
    public void ShouldReadStringsNumbersAndTreatNullAsAbsent()
    {
        var read = RowReading.Jsonl("{\"request_id\":\"r1\",\"account_id\":\"a1\",\"ts\":\"2026-01-05T13:04:11Z\",\"model\":\"m\",\"input_tokens\":12,\"output_tokens\":\"7\",\"client\":null}\n");
        var values = read.Rows.Single().Values;
        Assert.That(values["input_tokens"], Is.EqualTo("12"));
        Assert.That(values["output_tokens"], Is.EqualTo("7"));
        Assert.That(values.ContainsKey("client"), Is.False);
    }

    [Test]
    public void ShouldUnescapeStringsAndKeys()
    {
        var read = RowReading.Jsonl("{\"request\\u005fid\":\"r\\\"1\\n\",\"account_id\":\"\\u00e9t\\u00e9\",\"ts\":\"2026-01-05T13:04:11Z\",\"model\":\"m\"}\r\n");
        var values = read.Rows.Single().Values;
        Assert.That(values["request_id"], Is.EqualTo("r\"1\n"));
        Assert.That(values["account_id"], Is.EqualTo("été"));
    }

    [Test]
    public void ShouldWarnOnceAboutAnUnknownField()
    {
        var line = "{\"request_id\":\"r1\",\"extra\":{\"a\":[1,2]},\"account_id\":\"a1\",\"ts\":\"2026-01-05T13:04:11Z\",\"model\":\"m\"}\n";
        var read = RowReading.Jsonl(line + line);
        Assert.That(read.Warnings, Is.EqualTo(new List<string> { "unknown field ignored: extra" }));
        Assert.That(read.Rows.Select(r => r.ErrorReason), Has.All.Null);
    }

    [Test]
    public void ShouldRejectMalformedLinesAndGoOn()
    {
        var read = RowReading.Jsonl("{\"request_id\":\"r1\",\n[1,2]\n{\"request_id\":{\"x\":1}}\n{\"request_id\":\"r1\"} {}\n\n{\"request_id\":\"r5\"}\n");
        Assert.That(read.Rows, Has.Count.EqualTo(5));
        Assert.That(read.Rows.Take(4).Select(r => r.ErrorReason), Has.All.Not.Null);
        Assert.That(read.Rows[2].ErrorField, Is.EqualTo("request_id"));
        Assert.That(read.Rows[4].Line, Is.EqualTo(6));
        Assert.That(read.Rows[4].Values["request_id"], Is.EqualTo("r5"));
    }

    [Test]
    public void ShouldRejectInvalidUtf8()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("{\"request_id\":\"r"));
        bytes.Add(0xFF);
        bytes.AddRange(Encoding.UTF8.GetBytes("\"}\n{\"request_id\":\"r2\"}\n"));
        var read = RowReading.Read(bytes.ToArray(), InputFormat.JsonLines, RecordKind.Requests);
        Assert.That(read.Rows[0].ErrorReason, Is.EqualTo("invalid UTF-8"));
        Assert.That(read.Rows[1].Values["request_id"], Is.EqualTo("r2"));
    }

    [TestCase("{\"request_id\":\"r\\uDE00\"}\n")]
    [TestCase("{\"request_id\":\"r\\uD83D\"}\n")]
    [TestCase("{\"extra\\uDE00\":\"x\",\"request_id\":\"r\"}\n")]
    public void ShouldRejectALoneSurrogateEscapeAndGoOn(string first)
    {
        var read = RowReading.Jsonl(first + "{\"request_id\":\"r2\\uD83D\\uDE00\"}\n");
        Assert.That(read.Rows[0].ErrorReason, Does.Contain("surrogate"));
        Assert.That(read.Rows[1].ErrorReason, Is.Null);
        Assert.That(read.Rows[1].Values["request_id"], Is.EqualTo("r2\U0001F600"));
    }

    [Test]
    public void ShouldRejectATenMegabyteLineAndGoOn()
    {
        var text = "{\"request_id\":\"" + new string('x', 10 * 1024 * 1024) + "\"}\n{\"request_id\":\"r2\"}\n";
        var read = RowReading.Jsonl(text, chunk: 0);
        Assert.That(read.Rows, Has.Count.EqualTo(2));
        Assert.That(read.Rows[0].ErrorReason, Does.Contain("longer than"));
        Assert.That(read.Rows[1].Values["request_id"], Is.EqualTo("r2"));
        Assert.That(read.Rows[1].Line, Is.EqualTo(2));
    }

    [Test]
    public void ShouldGiveTheSameRowsWhateverTheReadSizes()
    {
        var text = "{\"request_id\":\"r1\",\"model\":\"m\\u00e9\"}\r\n\n{\"request_id\":\"r2\",\"input_tokens\":5}";
        var whole = RowReading.Jsonl(text);
        var trickled = RowReading.Jsonl(text, options: new ReaderOptions { InitialBufferBytes = 8 }, chunk: 3);
        Assert.That(trickled.Rows.Select(r => string.Join("|", r.Values.OrderBy(v => v.Key))),
            Is.EqualTo(whole.Rows.Select(r => string.Join("|", r.Values.OrderBy(v => v.Key)))));
        Assert.That(whole.Rows, Has.Count.EqualTo(2));
    }

    [Test]
    public void ShouldReportAnEmptyFile() => Assert.That(RowReading.Jsonl(string.Empty, RecordKind.Accounts).IsEmpty, Is.True);
}
