using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>Strangers who come back within hours of every model launch and run the launch post's demo prompts are in step
/// because of the launches; with nothing private in common their group synchrony is read outside the launches' windows
/// (<see cref="DetectionParameters.GroupSyncOutsideReleases"/>). The same accounts on a crew's shared cards are read over
/// all their requests.</summary>
public sealed class ReleaseCrowdTests
{
    // Eight launches on irregular days and hours (a model and its variants): enough days for group synchrony to read.
    private static readonly DateTimeOffset[] Launches = [.. new[] { (3, 17), (9, 15), (17, 18), (22, 16), (30, 14), (37, 19), (45, 17), (52, 15) }
        .Select(d => SnapshotBuilder.T0.AddDays(d.Item1).AddHours(d.Item2))];

    /// <summary>60 users, each with its own home address and (or, with <paramref name="sharedCards"/>, one of six crew cards):
    /// after each launch, within about six hours, a burst of 8–20 reasoning requests on the new model over five demo
    /// prompts; a few requests of their own on other days. 2,000 ordinary users around them.</summary>
    private static DetectionSnapshot Crowd(bool sharedCards)
    {
        var builder = new SnapshotBuilder().HomeBackground("bg");
        var random = new Random(74);
        for (var k = 0; k < Launches.Length; k++)
        {
            builder.Release($"m-{k + 2}", Launches[k]);
        }

        for (var i = 0; i < 60; i++)
        {
            var account = $"crowd-{i}";
            var home = $"98.{30 + (i / 200)}.{i % 200}.7";
            builder.Account(account, AccessPathway.SelfServe, SnapshotBuilder.T0.AddDays(-random.Next(30, 600)), emailDomain: "mail.example");
            builder.Payment(account, sharedCards ? $"crew-card-{i % 6}" : $"card-crowd-{i}");
            builder.Session(account, home, count: 10, type: IpType.Residential, asn: 7018);
            for (var k = 0; k < Launches.Length; k++)
            {
                var at = Launches[k].AddMinutes(-Math.Log(1 - random.NextDouble()) * 360);
                for (var r = random.Next(8, 21); r > 0; r--)
                {
                    at = at.AddSeconds(random.Next(20, 60));
                    builder.Request(account, at, model: $"m-{k + 2}", capability: "reasoning_cot", prompt: $"launch-demo-{random.Next(5)}", ip: home);
                }
            }

            for (var r = random.Next(3, 8); r > 0; r--)
            {
                builder.Request(account, SnapshotBuilder.T0.AddSeconds(random.Next(0, 56 * 86_400)), capability: "chat", prompt: $"crowd-own-{i}-{r % 3}", ip: home);
            }
        }

        return builder.Build();
    }

    private static DetectedCluster CrowdCluster(DetectionOutcome outcome) =>
        outcome.Clusters.MaxBy(c => c.Members.Count(a => a.StartsWith("crowd-", StringComparison.Ordinal)))!;

    [Test]
    public void ShouldNotReadStrangersBackForEveryLaunchAsSynchronous()
    {
        var snapshot = Crowd(sharedCards: false);
        var crowd = CrowdCluster(Detect.Run(snapshot));
        Assert.That(crowd.Members.Count(a => a.StartsWith("crowd-", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(40), "the demo prompts put them together");
        Assert.That(crowd.Features.GroupSynchrony, Is.Zero, () => crowd.Features.ToString());
        Assert.That(crowd.Flagged, Is.False, () => $"risk {crowd.RiskScore}, {crowd.Features}");

        var allRequests = CrowdCluster(Detect.Run(snapshot, new DetectionParameters { GroupSyncOutsideReleases = false }));
        Assert.That(allRequests.Features.GroupSynchrony, Is.GreaterThan(0), () => "read over all requests, the launches align them: " + allRequests.Features);
    }

    [Test]
    public void ShouldReadTheSameAccountsOnACrewsCardsOverAllTheirRequests()
    {
        var crowd = CrowdCluster(Detect.Run(Crowd(sharedCards: true)));
        Assert.That(crowd.Features.PaymentSharing, Is.GreaterThan(0));
        Assert.That(crowd.Features.GroupSynchrony, Is.GreaterThan(0), () => crowd.Features.ToString());
    }
}
