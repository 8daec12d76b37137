using System.Text.Json.Serialization;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Detection.EvaluateRun;

/// <summary>Scores a run (the latest when <see cref="RunId"/> is null) against ground truth.</summary>
public sealed record EvaluateRunQuery(IReadOnlyList<TruthRow> Truth, string? RunId = null) : IRequest<EvaluateRunResult>;

/// <summary>Accounts of one truth kind, and how many of them were flagged and attributed.</summary>
public sealed record KindOutcome(string Kind, bool IsFraud, int Accounts, int Flagged, int Attributed);

/// <summary>
/// Account-level precision/recall/F1 of <c>flagged</c>; B-cubed precision/recall of flagged clusters against
/// operators; attribution accuracy over flagged fraud accounts (expected: the true operator when indicators
/// name it, else null); legitimate accounts flagged and attributed, in total and by kind.
/// </summary>
public sealed record EvaluateRunResult(
    string RunId,
    double Precision,
    double Recall,
    double F1,
    double BCubedPrecision,
    double BCubedRecall,
    double AttributionAccuracy,
    int FraudAccounts,
    int FlaggedAccounts,
    int LegitFlagged,
    int LegitAttributed,
    IReadOnlyList<KindOutcome> ByKind)
{
    // The evaluated run's provenance, for the quality file the evidence packs quote (how the error rate was
    // measured). Left out of the printed scores (JsonIgnore) so that evaluate --json keeps its shape.

    /// <summary>The evaluated run's input snapshot hash.</summary>
    [JsonIgnore]
    public string InputHash { get; init; } = "";

    /// <summary>The evaluated run's membership hash.</summary>
    [JsonIgnore]
    public string MembershipHash { get; init; } = "";

    /// <summary>The code version that made the evaluated run.</summary>
    [JsonIgnore]
    public string CodeVersion { get; init; } = "";

    /// <summary>The evaluated run's parameters hash (with the code version: the detector version the scores apply to).</summary>
    [JsonIgnore]
    public string ParametersHash { get; init; } = "";
}

/// <summary>Handles <see cref="EvaluateRunQuery"/>.</summary>
public sealed class EvaluateRunHandler(IRunStore runs) : IRequestHandler<EvaluateRunQuery, EvaluateRunResult>
{
    public async Task<EvaluateRunResult> Handle(EvaluateRunQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var run = (query.RunId is null ? await runs.GetLatestRunAsync(ct) : await runs.GetRunAsync(query.RunId, ct))
            ?? throw new InvalidOperationException("No run to evaluate: run detect first.");
        return Evaluate(run, query.Truth);
    }

    public static EvaluateRunResult Evaluate(DetectionRun run, IReadOnlyList<TruthRow> truth)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(truth);
        var clusterOf = new Dictionary<string, DetectedCluster>(StringComparer.Ordinal);
        foreach (var c in run.Clusters.Where(c => c.Flagged))
        {
            foreach (var m in c.Members)
            {
                clusterOf[m] = c;
            }
        }

        var truthOf = truth.ToDictionary(t => t.AccountId, StringComparer.Ordinal);
        var known = run.KnownOperators.ToHashSet(StringComparer.Ordinal);
        int tp = 0, fp = 0, fraud = 0, attributionTotal = 0, attributionRight = 0;
        foreach (var t in truth)
        {
            var flagged = clusterOf.TryGetValue(t.AccountId, out var cluster);
            fraud += t.IsFraud ? 1 : 0;
            tp += t.IsFraud && flagged ? 1 : 0;
            if (t.IsFraud && flagged)
            {
                attributionTotal++;
                var expected = t.OperatorId is not null && known.Contains(t.OperatorId) ? t.OperatorId : null;
                attributionRight += string.Equals(cluster!.Operator?.OperatorId, expected, StringComparison.Ordinal) ? 1 : 0;
            }
        }

        // Flagged accounts the truth file does not know count against precision: they are not known fraud.
        foreach (var account in clusterOf.Keys)
        {
            fp += truthOf.TryGetValue(account, out var t) && t.IsFraud ? 0 : 1;
        }

        double precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp), recall = fraud == 0 ? 0 : (double)tp / fraud;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        var (bp, br) = BCubed(truth, truthOf, clusterOf);
        var byKind = truth.GroupBy(t => (t.Kind, t.IsFraud))
            .OrderBy(g => g.Key.IsFraud).ThenBy(g => g.Key.Kind, StringComparer.Ordinal)
            .Select(g => new KindOutcome(g.Key.Kind, g.Key.IsFraud, g.Count(),
                g.Count(t => clusterOf.ContainsKey(t.AccountId)),
                g.Count(t => clusterOf.TryGetValue(t.AccountId, out var c) && c.Operator is not null)))
            .ToArray();
        return new EvaluateRunResult(run.RunId, precision, recall, f1, bp, br,
            attributionTotal == 0 ? 0 : (double)attributionRight / attributionTotal,
            fraud, clusterOf.Count,
            byKind.Where(k => !k.IsFraud).Sum(k => k.Flagged), byKind.Where(k => !k.IsFraud).Sum(k => k.Attributed), byKind)
        {
            InputHash = run.InputHash,
            MembershipHash = run.MembershipHash,
            CodeVersion = run.CodeVersion,
            ParametersHash = run.ParametersHash,
        };
    }

    /// <summary>
    /// B-cubed over the fraud accounts and the flagged accounts: the true group of a fraud account is its operator
    /// (anything else is alone), the predicted group of a flagged account is its cluster (anything else is alone).
    /// </summary>
    private static (double Precision, double Recall) BCubed(IReadOnlyList<TruthRow> truth, Dictionary<string, TruthRow> truthOf, Dictionary<string, DetectedCluster> clusterOf)
    {
        var items = truth.Where(t => t.IsFraud).Select(t => t.AccountId).Concat(clusterOf.Keys).Distinct(StringComparer.Ordinal).ToArray();
        if (items.Length == 0)
        {
            return (0, 0);
        }

        string TrueGroup(string a) => truthOf.TryGetValue(a, out var t) && t.IsFraud && t.OperatorId is not null ? "op:" + t.OperatorId : "alone:" + a;
        string PredictedGroup(string a) => clusterOf.TryGetValue(a, out var c) ? "cl:" + c.Id : "alone:" + a;
        var both = items.GroupBy(a => (TrueGroup(a), PredictedGroup(a))).ToDictionary(g => g.Key, g => g.Count());
        var trueSize = items.GroupBy(TrueGroup).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var predictedSize = items.GroupBy(PredictedGroup).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        double precision = 0, recall = 0;
        foreach (var a in items)
        {
            var shared = both[(TrueGroup(a), PredictedGroup(a))];
            precision += (double)shared / predictedSize[PredictedGroup(a)];
            recall += (double)shared / trueSize[TrueGroup(a)];
        }

        return (precision / items.Length, recall / items.Length);
    }
}
