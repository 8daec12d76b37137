using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Distill.Attribution.Cli.Tests.Verbs;

/// <summary>evaluate --write-quality writes the measured error rate, and a pack's report quotes it.</summary>
public sealed class EvaluateVerbTests
{
    [Test]
    public async Task ShouldWriteTheQualityFileThatThePackReportQuotes()
    {
        using var dir = new TempDirectory();
        var store = await GeneratedDataSet.CopyCleanStoreAsync(dir);
        var detect = await DistillProcess.RunAsync("detect", "--store", store);
        Assert.That(detect.ExitCode, Is.Zero, detect.ToString());
        var qualityPath = dir.File("quality.json");

        var evaluate = await DistillProcess.RunAsync("evaluate", "--truth", GeneratedDataSet.Truth, "--json", "--write-quality", qualityPath, "--store", store,
            "--data-source", "distill generate test fixture", "--held-out", "--synthetic");

        Assert.That(evaluate.ExitCode, Is.Zero, evaluate.ToString());
        var scores = JsonDocument.Parse(evaluate.Output).RootElement;
        Assert.That(scores.TryGetProperty("membershipHash", out _), Is.False, "evaluate --json keeps its shape");
        var quality = JsonDocument.Parse(await File.ReadAllBytesAsync(qualityPath)).RootElement;
        foreach (var metric in new[] { "precision", "recall", "f1", "attributionAccuracy", "legitFlagged" })
        {
            Assert.That(quality.GetProperty(metric).GetDouble(), Is.EqualTo(scores.GetProperty(metric).GetDouble()), metric);
        }

        var truthSha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(GeneratedDataSet.Truth)));
        Assert.That(quality.GetProperty("truthFile").GetString(), Is.EqualTo("truth.csv"));
        Assert.That(quality.GetProperty("truthSha256").GetString(), Is.EqualTo(truthSha256));
        Assert.That(quality.GetProperty("runId").GetString(), Is.EqualTo("run-0001"));
        var export = await ExportAsync(dir, store);
        Assert.That(quality.GetProperty("membershipHash").GetString(), Is.EqualTo(export.GetProperty("membershipHash").GetString()));
        Assert.That(quality.GetProperty("inputHash").GetString(), Is.EqualTo(export.GetProperty("inputHash").GetString()));
        Assert.That(quality.GetProperty("codeVersion").GetString(), Is.EqualTo(export.GetProperty("codeVersion").GetString()));
        Assert.That(quality.GetProperty("parametersHash").GetString(), Is.EqualTo(export.GetProperty("parametersHash").GetString()));
        Assert.That(quality.GetProperty("dataSource").GetString(), Is.EqualTo("distill generate test fixture"));
        Assert.That(quality.GetProperty("heldOut").GetBoolean(), Is.True);
        Assert.That(quality.GetProperty("synthetic").GetBoolean(), Is.True);

        var cluster = export.GetProperty("clusters").EnumerateArray().First(c => c.GetProperty("flagged").GetBoolean()).GetProperty("id").GetString()!;
        var measured = await ReportTextAsync(dir, store, cluster, qualityPath);
        var unmeasured = await ReportTextAsync(dir, store, cluster, dir.File("absent.json"));
        var tunedPath = dir.File("tuned.json");
        Assert.That((await DistillProcess.RunAsync("evaluate", "--truth", GeneratedDataSet.Truth, "--write-quality", tunedPath, "--store", store)).ExitCode, Is.Zero);
        var tuned = await ReportTextAsync(dir, store, cluster, tunedPath);

        static string Flat(string text) => string.Join(' ', text.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        var flat = Flat(measured);
        var flagged = scores.GetProperty("flaggedAccounts").GetInt32();
        var hits = flagged - scores.GetProperty("legitFlagged").GetInt32();
        var precision = ((double)hits / flagged).ToString("0.###", CultureInfo.InvariantCulture);
        Assert.That(flat, Does.Contain("Evaluation on synthetic (generated) data, held out from tuning: distill generate test fixture."));
        Assert.That(flat, Does.Contain($"precision {precision} (95 % interval ").And.Contain(string.Create(CultureInfo.InvariantCulture, $"{hits:N0} of the {flagged:N0} accounts it flagged were campaign accounts")));
        Assert.That(flat, Does.Contain(truthSha256).And.Contain("truth.csv").And.Contain("run-0001"));
        Assert.That(flat, Does.Contain("It is not the error rate on real accounts"));
        Assert.That(Flat(tuned), Does.Contain("not measured for this version on held-out data").And.Not.Contain($"precision {precision} (95 %"));
        Assert.That(Flat(tuned), Does.Contain("labelled data whose origin the file does not state").And.Not.Contain("real labelled accounts"), "no --synthetic is not a claim that the data is real");
        Assert.That(Flat(unmeasured), Does.Contain("not measured for this version (no evaluation file"));
    }

    [Test]
    public async Task ShouldRejectEvaluateWithoutARunAndWriteNoQualityFile()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("truth.csv"), "account_id,label,operator_id,kind\nacct-1,fraud,op-1,campaign\n");
        File.WriteAllBytes(dir.File("s.db"), []); // A store without runs (a missing store is a usage error, exit 2).

        var evaluate = await DistillProcess.RunAsync("evaluate", "--truth", dir.File("truth.csv"), "--write-quality", dir.File("q.json"), "--store", dir.File("s.db"));

        Assert.That(evaluate.ExitCode, Is.EqualTo(1), evaluate.ToString());
        Assert.That(evaluate.Error, Does.Contain("detect"));
        Assert.That(File.Exists(dir.File("q.json")), Is.False);
    }

    private static async Task<JsonElement> ExportAsync(TempDirectory dir, string store)
    {
        var path = dir.File("clusters.json");
        var export = await DistillProcess.RunAsync("export-clusters", "--out", path, "--store", store);
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        return JsonDocument.Parse(await File.ReadAllBytesAsync(path)).RootElement.Clone();
    }

    private static async Task<string> ReportTextAsync(TempDirectory dir, string store, string cluster, string qualityPath)
    {
        var zip = dir.File($"pack-{Guid.NewGuid():N}.zip");
        var pack = await DistillProcess.RunAsync("pack", cluster, "--out", zip, "--quality", qualityPath, "--store", store, "--custodian", "Jo Tester");
        Assert.That(pack.ExitCode, Is.Zero, pack.ToString());
        var pdf = dir.File($"report-{Guid.NewGuid():N}.pdf");
        using (var archive = ZipFile.OpenRead(zip))
        {
            archive.GetEntry("report.pdf")!.ExtractToFile(pdf);
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-raw", pdf, "-"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.That(process.ExitCode, Is.Zero);
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("pdftotext (poppler-utils) is not installed; CI installs it.");
            return "";
        }
    }
}
