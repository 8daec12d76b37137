using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Cli.Tests.Verbs;

/// <summary>
/// <c>detect</c> and the <c>runDetection</c> mutation accept and refuse the same parameter values: both go through
/// <see cref="DetectionParameterRanges"/>, and both name the field that is wrong.
/// </summary>
public sealed class DetectParameterTests
{
    [TestCase("0", 0.0)]
    [TestCase("-1", -1.0)]
    [TestCase("1e308", 1e308)]
    [TestCase("1000.5", 1000.5)]
    public async Task DetectShouldRefuseAResolutionTheRangeTableRefusesNamingTheOption(string text, double value)
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("s.db"), []);
        var expected = DetectionParameterRanges.Check(new DetectionParameters { ClusteringResolution = value }).Single();

        var outcome = await DistillProcess.RunAsync("detect", "--resolution", text, "--store", dir.File("s.db"));

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(expected.Name, Is.EqualTo(nameof(DetectionParameters.ClusteringResolution)));
        Assert.That(outcome.Error.Trim(), Is.EqualTo($"error: --resolution: {expected.Message}"), outcome.ToString());
    }

    [Test]
    public async Task DetectShouldAcceptTheSmallestResolutionTheRangeTableAccepts()
    {
        using var dir = new TempDirectory();
        var store = await GeneratedDataSet.CopyCleanStoreAsync(dir);
        Assert.That(DetectionParameterRanges.Check(new DetectionParameters { ClusteringResolution = 1e-6 }), Is.Empty);

        var outcome = await DistillProcess.RunAsync("detect", "--resolution", "1e-6", "--top", "1", "--store", store);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        Assert.That(outcome.Output, Does.Contain("resolution 1E-06").Or.Contain("resolution 1e-06").Or.Contain("resolution 0.000001"), outcome.ToString());
    }
}
