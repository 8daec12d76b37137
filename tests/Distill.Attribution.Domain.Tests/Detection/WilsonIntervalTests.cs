using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Domain.Tests.Detection;

public sealed class WilsonIntervalTests
{
    // Reference values from the closed form (Wilson 1927) with z = 1.95996.
    [TestCase(10, 10, 0.72247, 1.0)]
    [TestCase(0, 10, 0.0, 0.27753)]
    [TestCase(5, 10, 0.23659, 0.76341)]
    [TestCase(953, 1000, 0.93806, 0.96447)]
    public void ShouldMatchTheClosedForm(int successes, int trials, double low, double high)
    {
        var (l, h) = WilsonInterval.Of(successes, trials);

        Assert.That(l, Is.EqualTo(low).Within(1e-5));
        Assert.That(h, Is.EqualTo(high).Within(1e-5));
    }

    [Test]
    public void ShouldNotCallTenOfTenCertainAndKnowNothingWithoutTrials()
    {
        Assert.That(WilsonInterval.Of(10, 10).Low, Is.LessThan(0.75), "10 of 10 is not '100 %'");
        Assert.That(WilsonInterval.Of(0, 0), Is.EqualTo((0.0, 1.0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of(3, 2));
    }
}
