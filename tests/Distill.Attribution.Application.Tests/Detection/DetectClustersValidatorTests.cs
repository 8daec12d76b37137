using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Domain.Detection;

#pragma warning disable CA1861 // Expected values read best inline in a test.

namespace Distill.Attribution.Application.Tests.Detection;

public sealed class DetectClustersValidatorTests
{
    [Test]
    public void ShouldAcceptTheDefaultsAndNoParameters()
    {
        var validator = new DetectClustersValidator();
        Assert.That(validator.Validate(new DetectClustersCommand()).IsValid, Is.True);
        Assert.That(validator.Validate(new DetectClustersCommand(new DetectionParameters())).IsValid, Is.True);
    }

    [Test]
    public void ShouldRejectAThresholdOutsideZeroToOne()
    {
        var result = new DetectClustersValidator().Validate(new DetectClustersCommand(new DetectionParameters { FlagThreshold = 1.5, IpMaxAccounts = 1 }));
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "Parameters.FlagThreshold", "Parameters.IpMaxAccounts" }));
    }
}
