namespace Distill.Attribution.Application.Live;

/// <summary>
/// Deduplication: one open (open or acknowledged) alert per cluster, kind and subject. A candidate with an open alert
/// under its key updates it when the evidence differs and is dropped when it does not; a candidate whose key's latest
/// alert was resolved with the same evidence is dropped (nothing new happened); otherwise a new alert opens.
/// </summary>
public static class AlertBook
{
    /// <param name="known">The open alerts and the latest resolved alert of each key (<see cref="Abstractions.IAlertStore.GetAlertsForMatchingAsync"/>).</param>
    /// <param name="candidates">What the rules found in this run.</param>
    /// <param name="runId">This run.</param>
    /// <param name="now">Wall-clock time.</param>
    /// <param name="observedAt">The data's time.</param>
    /// <param name="options">How many members an alert lists.</param>
    public static IReadOnlyList<AlertChange> Apply(
        IReadOnlyList<LiveAlert> known, IReadOnlyList<AlertCandidate> candidates, string runId, DateTimeOffset now, DateTimeOffset observedAt, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(options);
        var open = new Dictionary<(string, AlertKind, string), LiveAlert>();
        var resolved = new Dictionary<(string, AlertKind, string), LiveAlert>();
        foreach (var alert in known.OrderBy(a => a.Id))
        {
            (alert.Status == AlertStatus.Resolved ? resolved : open)[alert.Key] = alert;
        }

        var changes = new List<AlertChange>();
        var seen = new HashSet<(string, AlertKind, string)>();
        foreach (var candidate in candidates)
        {
            var key = (candidate.Cluster.Id, candidate.Kind, candidate.Subject);
            if (!seen.Add(key))
            {
                continue; // the rules found the same thing twice in one run: one alert
            }

            if (open.TryGetValue(key, out var existing))
            {
                if (SameEvidence(existing.Evidence, candidate.Evidence))
                {
                    continue;
                }

                changes.Add(new AlertChange(Describe(existing with { RunId = runId, UpdatedAt = now, Updates = existing.Updates + 1 }, candidate, options), IsNew: false));
                continue;
            }

            if (resolved.TryGetValue(key, out var closed) && SameEvidence(closed.Evidence, candidate.Evidence))
            {
                continue;
            }

            var opened = new LiveAlert
            {
                ClusterId = candidate.Cluster.Id,
                Kind = candidate.Kind,
                Subject = candidate.Subject,
                FirstRunId = runId,
                RunId = runId,
                RaisedAt = now,
                UpdatedAt = now,
                ObservedAt = observedAt,
                Summary = candidate.Summary,
                Evidence = candidate.Evidence,
            };
            changes.Add(new AlertChange(Describe(opened, candidate, options), IsNew: true));
        }

        return changes;
    }

    /// <summary>The alert with what this run's candidate says of its cluster (summary, evidence, lineage, operator, risk, members).</summary>
    private static LiveAlert Describe(LiveAlert alert, AlertCandidate candidate, AlertOptions options) => alert with
    {
        Summary = candidate.Summary,
        Evidence = candidate.Evidence,
        Lineage = candidate.Cluster.Lineage,
        LineageParents = candidate.Cluster.LineageParents,
        OperatorId = candidate.Cluster.Operator?.OperatorId,
        RiskScore = candidate.Cluster.RiskScore,
        Members = candidate.Cluster.Members.Take(options.MaxMembersListed).ToArray(),
        MemberCount = candidate.Cluster.Members.Count,
    };

    private static bool SameEvidence(IReadOnlyList<AlertFact> a, IReadOnlyList<AlertFact> b) => a.SequenceEqual(b);
}
