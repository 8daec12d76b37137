using Distill.Attribution.Infrastructure.EvidencePacks;

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
