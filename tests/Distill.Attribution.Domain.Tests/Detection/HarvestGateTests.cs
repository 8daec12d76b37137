using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>The verdict's harvesting gate read against the population: a coordinated crew that harvests what ordinary
/// users harvest anyway is not flagged for it, and a crowd moving as one is coordination, not harvesting.</summary>
public sealed class HarvestGateTests
{
    /// <summary>Ordinary users who spend about 70 % of their requests on reasoning, each alone.</summary>
    private static ClusterScorer Scorer(DetectionParameters parameters, out double population)
    {
        var builder = new SnapshotBuilder();
        var random = new Random(11);
        for (var i = 0; i < 60; i++)
        {
            for (var r = 0; r < 50; r++)
            {
                builder.Request($"user-{i}", SnapshotBuilder.T0.AddSeconds(random.Next(0, 20 * 86_400)),
                    capability: random.NextDouble() < 0.7 ? "reasoning_cot" : "chat", prompt: $"own-{i}-{random.Next(10)}");
            }
        }

        var index = AccountIndex.Build(builder.Build(), parameters);
        population = index.PopulationHarvestShare;
        return new ClusterScorer(index, new LinkSet(), parameters);
    }

    /// <summary>Twenty accounts on shared cards in lockstep for twenty days: coordinated in every way.</summary>
    private static ClusterFeatures Crew(double harvest, double groupSynchrony = 0) => new()
    {
        Synchrony = 1,
        GroupSynchrony = groupSynchrony,
        PaymentSharing = 1,
        Concealment = 1,
        TemplateConcentration = 0.9,
        CapabilityConcentration = harvest,
        Size = 1,
        Volume = 1,
        HarvestSpanDays = 20,
        MemberCount = 20,
        RequestCount = 20_000,
    };

    [Test]
    public void ShouldNotFlagACrewThatHarvestsNoMoreThanThePopulation()
    {
        var scorer = Scorer(new DetectionParameters(), out var population);
        Assert.That(population, Is.InRange(0.65, 0.75));
        var (risk, flagged) = scorer.Score(Crew(harvest: population));
        Assert.That(risk, Is.GreaterThan(0.5), "everything but the harvesting says campaign");
        Assert.That(flagged, Is.False);

        var absolute = Scorer(new DetectionParameters { FlagMinHarvestExcess = 0 }, out _);
        Assert.That(absolute.Score(Crew(harvest: population)).Flagged, Is.True, "the plain 0.4 threshold is below the population");
    }

    [Test]
    public void ShouldFlagACrewThatHarvestsWellBeyondThePopulation()
    {
        var scorer = Scorer(new DetectionParameters(), out var population);
        Assert.That(scorer.Score(Crew(harvest: population + (0.2 * (1 - population)))).Flagged, Is.True);
    }

    [Test]
    public void ShouldNotTakeACrowdMovingAsOneForHarvesting()
    {
        var scorer = Scorer(new DetectionParameters(), out _);
        Assert.That(scorer.Score(Crew(harvest: 0.1, groupSynchrony: 1)).Flagged, Is.False);

        var old = Scorer(new DetectionParameters { GroupSynchronyCountsAsHarvest = true }, out _);
        Assert.That(old.Score(Crew(harvest: 0.1, groupSynchrony: 1)).Flagged, Is.True);
    }
}
