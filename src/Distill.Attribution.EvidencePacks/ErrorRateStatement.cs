using System.Globalization;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// What the report may honestly say about the detector's error rate, for the summary (short) and its own section
/// (full). Two sources, each used only for the detector version that made the pack's run (code version and
/// parameters hash): an evaluation on labelled data that was held out from tuning (named synthetic when it is),
/// and investigators' verdicts on clusters of that version. Each rate comes with its counts and a 95 % Wilson
/// interval; when neither applies, the report says "not measured for this version" and quotes nothing else.
/// </summary>
internal sealed class ErrorRateStatement
{
    public ErrorRateStatement(EvidencePackContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var run = content.Run;
        var version = $"code {run.CodeVersion}, parameters hash {Short(run.ParametersHash)}";
        Details.Add($"Applies to the detector version that found this cluster: {version}. Numbers measured on another version are not quoted.");
        Evaluation(content.Quality, run, version);
        Verdicts(content.Verdicts, version);
    }

    /// <summary>One or two sentences for page 1.</summary>
    public List<string> Summary { get; } = [];

    /// <summary>Paragraphs for the error-rate section.</summary>
    public List<string> Details { get; } = [];

    private void Evaluation(DetectorQuality? q, DetectionRun run, string version)
    {
        if (q is null)
        {
            Summary.Add("Error rate on labelled data: not measured for this version.");
            Details.Add("Evaluation on labelled data: not measured for this version (no evaluation file was available when this pack was made).");
            return;
        }

        if (!string.Equals(q.CodeVersion, run.CodeVersion, StringComparison.Ordinal) || !string.Equals(q.ParametersHash, run.ParametersHash, StringComparison.Ordinal))
        {
            Summary.Add("Error rate on labelled data: not measured for this version.");
            Details.Add($"Evaluation on labelled data: not measured for this version. The evaluation on hand ({q.Source}) measured code {q.CodeVersion ?? "(not recorded)"} with parameters hash {Short(q.ParametersHash) ?? "(not recorded)"}, not {version}; its numbers are not quoted.");
            return;
        }

        var data = q.DataSource ?? "labelled data (not described)";
        var kind = q.Synthetic switch { true => "synthetic (generated) data", false => "real labelled accounts", null => "labelled data whose origin the file does not state" };
        if (q.HeldOut != true)
        {
            Summary.Add("Error rate on held-out data: not measured for this version (the only evaluation on hand was not declared held out from the detector's tuning).");
            Details.Add($"Evaluation on labelled data: not measured for this version on held-out data. The evaluation on hand used {kind} ({data}) that was not declared held out from the detector's tuning. A score on the data a detector was tuned on says little about its errors on new data, so it is not given here as an error rate.");
            return;
        }

        Details.Add($"Evaluation on {kind}, held out from tuning: {data}. How measured: {q.Method}.");
        if (q.FlaggedAccounts is { } flagged && q.LegitFlagged is { } legit && q.FraudAccounts is { } fraud && legit <= flagged)
        {
            var hits = flagged - legit;
            var (pl, ph) = WilsonInterval.Of(hits, flagged);
            var (rl, rh) = WilsonInterval.Of(Math.Min(hits, fraud), fraud);
            var precision = $"precision {Rate(hits, flagged)} (95 % interval {N(pl)}–{N(ph)}): {hits:N0} of the {flagged:N0} accounts it flagged were campaign accounts";
            var recall = $"recall {Rate(Math.Min(hits, fraud), fraud)} (95 % interval {N(rl)}–{N(rh)}): it flagged {Math.Min(hits, fraud):N0} of the {fraud:N0} campaign accounts";
            Details.Add(string.Create(CultureInfo.InvariantCulture, $"Per account, {precision}; {recall}."));
            if (q.TruthAccounts is { } truth && truth >= fraud)
            {
                var innocent = truth - fraud;
                var (fl, fh) = WilsonInterval.Of(legit, Math.Max(innocent, legit));
                Details.Add(string.Create(CultureInfo.InvariantCulture, $"Legitimate accounts wrongly flagged: {legit:N0} of {innocent:N0} (rate {Rate(legit, innocent)}, 95 % interval {N(fl)}–{N(fh)})."));
            }

            Summary.Add(string.Create(CultureInfo.InvariantCulture, $"On held-out {(q.Synthetic == true ? "synthetic " : "")}data, {hits:N0} of {flagged:N0} accounts this detector version flagged were campaign accounts (precision {Rate(hits, flagged)}, 95 % interval {N(pl)}–{N(ph)})."));
        }
        else
        {
            Details.Add($"Per account, precision {N(q.Precision)} and recall {N(q.Recall)}; the file does not record the counts behind them, so no confidence interval can be given.");
            Summary.Add($"On held-out {(q.Synthetic == true ? "synthetic " : "")}data, precision {N(q.Precision)} per account (counts not recorded).");
        }

        if (q.AttributionAccuracy is { } a)
        {
            Details.Add($"Attribution accuracy (flagged campaign accounts attributed to their true operator): {N(a)}.");
        }

        Details.Add(q.Synthetic == true
            ? "What this means: how often the detector was right on generated campaigns and look-alike innocent groups (shared NATs, VPNs, office cards) of the kinds the generator makes. It is not the error rate on real accounts: real campaigns and real shared infrastructure can differ from the generator's."
            : "What this means: how often the detector was right on this labelled set; it holds for data like it, not for every population.");
    }

    private void Verdicts(VerdictCounts? v, string version)
    {
        if (v is null || v.Decided == 0)
        {
            Summary.Add("Investigators' verdicts on clusters of this version: not measured for this version (none confirmed or dismissed yet).");
            Details.Add($"Investigators' verdicts: not measured for this version (no cluster found by {version} has been confirmed or dismissed by an investigator yet{(v is { NeedsReview: > 0 } ? $"; {v.NeedsReview} await review" : "")}).");
            return;
        }

        var (l, h) = WilsonInterval.Of(v.Confirmed, v.Decided);
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"Investigators reviewed {v.Decided:N0} cluster(s) found by this detector version: {v.Confirmed:N0} confirmed, {v.Dismissed:N0} dismissed{(v.NeedsReview > 0 ? $" ({v.NeedsReview:N0} more await review)" : "")}, a real-world precision estimate of {Rate(v.Confirmed, v.Decided)} per cluster (95 % interval {N(l)}–{N(h)}).");
        Summary.Add(sentence);
        Details.Add(sentence + " It counts each cluster's latest verdict once. It covers only the clusters investigators chose to review, which need not be a random sample, and says nothing about campaigns the detector missed.");
    }

    private static string Rate(long part, long whole) => whole == 0 ? "undefined" : N((double)part / whole);

    private static string N(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Hashes are printed whole: a reader compares them with evidence.json and the quality file.</summary>
    private static string? Short(string? hash) => hash;
}
