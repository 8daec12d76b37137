using System.Globalization;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Live;

/// <summary>
/// Compares a run with the previous one (by the stable cluster ids <see cref="ClusterLineageTracker"/> gives) and says
/// what is worth an alert. Only flagged clusters raise alerts. With <see cref="AlertOptions.NewClusterNeedsSecondRun"/>
/// a newly flagged cluster, and a cluster's release pivot, are told once the verdict held on two consecutive runs (the
/// first run, with nothing before it to confirm against, tells what it flags).
/// Pure: the caller supplies how a cluster used a model.
/// </summary>
public static class AlertRules
{
    /// <param name="previous">The run the last alerts were computed from; null for the first.</param>
    /// <param name="current">The new run.</param>
    /// <param name="releases">Known model releases.</param>
    /// <param name="observedAt">The data's time (the latest request the run saw).</param>
    /// <param name="modelUse">For a cluster and a model, its first use and members within the pivot window, or null when none.</param>
    /// <param name="options">Thresholds.</param>
    /// <param name="beforePrevious">The run before <paramref name="previous"/>, read by
    /// <see cref="AlertOptions.NewClusterNeedsSecondRun"/>; null when <paramref name="previous"/> was the first run alerts
    /// were computed from, which told everything it flagged.</param>
    public static IReadOnlyList<AlertCandidate> Compare(
        DetectionRun? previous,
        DetectionRun current,
        IReadOnlyList<ReleaseRecord> releases,
        DateTimeOffset observedAt,
        Func<DetectedCluster, ReleaseRecord, PivotUse?> modelUse,
        AlertOptions options,
        DetectionRun? beforePrevious = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(releases);
        ArgumentNullException.ThrowIfNull(modelUse);
        ArgumentNullException.ThrowIfNull(options);
        var before = (previous?.Clusters ?? []).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var nowIds = current.Clusters.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var flaggedBefore = FlaggedAccounts(previous);
        var flaggedTwoBack = beforePrevious is null ? flaggedBefore : FlaggedAccounts(beforePrevious);
        var found = new List<AlertCandidate>();
        foreach (var cluster in current.Clusters.Where(c => c.Flagged).OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            before.TryGetValue(cluster.Id, out var was);
            var wasFlagged = was is { Flagged: true };
            // Most of the members were flagged in the previous run too (the verdict held on a second run), and, for a
            // fragment, most were flagged before (news already told).
            var heldBefore = Mostly(cluster, flaggedBefore, options);
            var confirming = options.NewClusterNeedsSecondRun && previous is not null;
            var isNew = confirming
                ? heldBefore && !Mostly(cluster, flaggedTwoBack, options)
                : !wasFlagged && !heldBefore;
            if (isNew)
            {
                found.Add(new AlertCandidate(cluster, AlertKind.NewCluster, "",
                    Invariant($"{cluster.Id}: newly flagged, {cluster.Members.Count} accounts, risk {cluster.RiskScore:F2}{OperatorText(cluster)}"),
                    [
                        Fact("members", cluster.Members.Count),
                        Fact("risk", cluster.RiskScore.ToString("F3", CultureInfo.InvariantCulture)),
                        Fact("lineage", cluster.Lineage.ToString().ToLowerInvariant()),
                        Fact("previously", was is null ? "absent" : was.Flagged ? "flagged in the previous run" : "unflagged"),
                        Fact("operator", cluster.Operator?.OperatorId ?? "unknown"),
                        Fact("links", TopRules(cluster)),
                    ]));
            }

            // Under confirmation the new-cluster alert describes a cluster as it is now; its growth, absorptions and
            // attribution since the unconfirmed first run are in it.
            var toldNow = confirming && isNew;
            if (wasFlagged && !toldNow)
            {
                var added = cluster.Members.Count - was!.Members.Count;
                if (added >= options.GrowthMinMembers && added >= options.GrowthShare * was.Members.Count)
                {
                    var newMembers = cluster.Members.Except(was.Members, StringComparer.Ordinal).ToArray();
                    found.Add(new AlertCandidate(cluster, AlertKind.Grown, "",
                        Invariant($"{cluster.Id}: grew from {was.Members.Count} to {cluster.Members.Count} accounts (+{(double)added / was.Members.Count:P0})"),
                        [
                            Fact("members before", was.Members.Count),
                            Fact("members now", cluster.Members.Count),
                            Fact("new members", string.Join(' ', newMembers.Take(20)) + (newMembers.Length > 20 ? " ..." : "")),
                        ]));
                }
            }

            var absorbed = cluster.LineageParents
                .Where(p => !string.Equals(p, cluster.Id, StringComparison.Ordinal) && !nowIds.Contains(p) && before.TryGetValue(p, out var parent) && parent.Flagged && parent.Members.Count >= options.AbsorbedMinMembers)
                .Order(StringComparer.Ordinal).ToArray();
            if (absorbed.Length > 0 && !toldNow)
            {
                found.Add(new AlertCandidate(cluster, AlertKind.Absorbed, "",
                    Invariant($"{cluster.Id}: absorbed {string.Join(", ", absorbed)}, now {cluster.Members.Count} accounts"),
                    [
                        Fact("absorbed", string.Join(' ', absorbed.Select(a => Invariant($"{a}({before[a].Members.Count})")))),
                        Fact("members now", cluster.Members.Count),
                    ]));
            }

            var wasOperator = wasFlagged ? was!.Operator : null;
            if (cluster.Operator is { } op && wasFlagged && !toldNow)
            {
                if (wasOperator is null)
                {
                    found.Add(new AlertCandidate(cluster, AlertKind.AttributionAppeared, "",
                        Invariant($"{cluster.Id}: attributed to {op.OperatorId}{Name(op)} (confidence {op.Confidence:F2})"),
                        AttributionFacts(op)));
                }
                else if (!string.Equals(wasOperator.OperatorId, op.OperatorId, StringComparison.Ordinal))
                {
                    found.Add(new AlertCandidate(cluster, AlertKind.AttributionChanged, "",
                        Invariant($"{cluster.Id}: attribution changed from {wasOperator.OperatorId} to {op.OperatorId}{Name(op)} (confidence {op.Confidence:F2})"),
                        [Fact("previous operator", wasOperator.OperatorId), .. AttributionFacts(op)]));
                }
            }

            foreach (var release in releases)
            {
                if (release.ReleasedAt > observedAt || observedAt - release.ReleasedAt > options.PivotLookback
                    || (confirming && !heldBefore))
                {
                    continue;
                }

                if (modelUse(cluster, release) is not { } use
                    || use.FirstUse < release.ReleasedAt
                    || use.FirstUse - release.ReleasedAt > options.PivotWindow
                    || use.MembersWithinWindow < options.PivotMinMembers)
                {
                    continue;
                }

                var delay = use.FirstUse - release.ReleasedAt;
                found.Add(new AlertCandidate(cluster, AlertKind.ReleasePivot, release.Model,
                    Invariant($"{cluster.Id}: on {release.Model} {delay.TotalHours:F1} h after its release ({use.MembersWithinWindow} accounts within {options.PivotWindow.TotalHours:F0} h)"),
                    [
                        Fact("model", release.Model),
                        Fact("released", Time(release.ReleasedAt)),
                        Fact("first use", Time(use.FirstUse)),
                        Fact("delay hours", delay.TotalHours.ToString("F1", CultureInfo.InvariantCulture)),
                    ]));
            }
        }

        return found;
    }

    private static HashSet<string> FlaggedAccounts(DetectionRun? run) =>
        (run?.Clusters ?? []).Where(c => c.Flagged).SelectMany(c => c.Members).ToHashSet(StringComparer.Ordinal);

    private static bool Mostly(DetectedCluster cluster, HashSet<string> accounts, AlertOptions options) =>
        accounts.Count > 0 && cluster.Members.Count(accounts.Contains) >= options.KnownMemberShare * cluster.Members.Count;

    private static List<AlertFact> AttributionFacts(OperatorAttribution op) =>
    [
        Fact("operator", op.OperatorId),
        Fact("confidence", op.Confidence.ToString("F2", CultureInfo.InvariantCulture)),
        Fact("indicator kinds", op.IndependentKinds),
        op.Through is { } tie
            ? Fact("through infrastructure", Invariant($"{tie.RidingMembers} members on {tie.SharedElements} shared elements of {tie.SourceClusterId}: {string.Join("; ", tie.ExampleElements)}"))
            : Fact("indicators", string.Join("; ", op.Indicators.Take(5).Select(i => Invariant($"{i.Kind}={i.Value}")))),
    ];

    private static string TopRules(DetectedCluster cluster) =>
        string.Join(", ", (cluster.Evidence?.Steps ?? []).SelectMany(s => s.Links)
            .GroupBy(l => l.Rule, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(4)
            .Select(g => Invariant($"{g.Key} ×{g.Count()}")));

    private static string OperatorText(DetectedCluster cluster) =>
        cluster.Operator is { } op ? Invariant($", operator {op.OperatorId}") : "";

    private static string Name(OperatorAttribution op) => op.OperatorName is null ? "" : $" ({op.OperatorName})";

    private static AlertFact Fact(string name, string value) => new(name, value);

    private static AlertFact Fact(string name, long value) => new(name, value.ToString(CultureInfo.InvariantCulture));

    internal static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
