using System.Security.Cryptography;
using Distill.Attribution.Application.Detection.EvaluateRun;
using Distill.Attribution.EvidencePacks;

namespace Distill.Attribution.Infrastructure.Tests.EvidencePacks;

public sealed class JsonDetectorQualitySourceTests
{
    private string path = "";

    [SetUp]
    public void NewPath() => path = Path.Combine(Path.GetTempPath(), $"quality-{Guid.NewGuid():N}.json");

    [TearDown]
    public void DeleteFile() => File.Delete(path);

    [Test]
    public async Task ShouldReadPrecisionRecallAndMethod()
    {
        await File.WriteAllTextAsync(path, """{"runId":"run-0001","precision":0.96,"recall":0.9,"f1":0.93,"method":"scale 0.1 synthetic set, seed 7"}""");

        var quality = await new JsonDetectorQualitySource(new EvidencePackOptions { QualityPath = path }).ReadAsync(CancellationToken.None);

        Assert.That(quality, Is.Not.Null);
        Assert.That((quality!.Precision, quality.Recall, quality.F1, quality.Method), Is.EqualTo((0.96, 0.9, (double?)0.93, "scale 0.1 synthetic set, seed 7")));
    }

    [Test]
    public async Task ShouldReadBackWhatEvaluateWrites()
    {
        var truth = path + ".truth.csv";
        await File.WriteAllTextAsync(truth, "account_id,label,operator_id,kind\n");
        var result = new EvaluateRunResult("run-0007", 0.96, 0.9, 0.929, 0.95, 0.88, 0.97, 120, 113, 2, 1,
            [new KindOutcome("campaign", true, 120, 111, 108), new KindOutcome("legit_vpn", false, 400, 2, 1)])
        {
            InputHash = "in-1",
            MembershipHash = "mem-1",
            CodeVersion = "1.2.3",
        };
        try
        {
            await DetectorQualityFile.WriteAsync(path, result, truth, new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero), null, CancellationToken.None);

            var quality = await new JsonDetectorQualitySource(new EvidencePackOptions { QualityPath = path }).ReadAsync(CancellationToken.None);

            Assert.That(quality, Is.Not.Null);
            Assert.That((quality!.Precision, quality.Recall, quality.F1, quality.AttributionAccuracy, quality.LegitFlagged), Is.EqualTo((0.96, 0.9, (double?)0.929, (double?)0.97, (int?)2)));
            var truthSha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(truth)));
            Assert.That(quality.Method, Does.Contain("run-0007").And.Contain("mem-1").And.Contain("1.2.3").And.Contain(truthSha256)
                .And.Contain(Path.GetFileName(truth)).And.Contain("520 accounts").And.Contain("2026-11-22T12:00:00.000Z"));
        }
        finally
        {
            File.Delete(truth);
        }
    }

    [TestCase(null)]
    [TestCase("""{"precision":0.9}""")]
    [TestCase("""{"precision":"high","recall":0.9}""")]
    public async Task ShouldSayNotMeasuredWithoutBothNumbers(string? json)
    {
        if (json is not null)
        {
            await File.WriteAllTextAsync(path, json);
        }

        Assert.That(await new JsonDetectorQualitySource(new EvidencePackOptions { QualityPath = path }).ReadAsync(CancellationToken.None), Is.Null);
    }
}
