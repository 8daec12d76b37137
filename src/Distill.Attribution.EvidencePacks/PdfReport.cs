using System.Security.Cryptography;
using System.Text;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// report.pdf for a legal reader. Page 1 is a plain-language summary (who, what, how sure, why); then how the
/// cluster was found, its whole activity (every member request, by model with release dates, and by capability),
/// its features, the drawing with a key table, the evidence chains, counter-evidence, the detector's error rate
/// (honest: only evaluations of this detector version on held-out data, and investigators' verdicts) and the chain
/// of custody. Tables wrap instead of cutting text; every page says "page n of N". Fonts are embedded (subsets),
/// drawings are vectors. Dates and document ids come from the pack, so the same content gives the same bytes.
/// </summary>
internal sealed partial class PdfReport : IDisposable
{
    /// <summary>Chains shown as table rows; the rest stay in evidence.json (a 2,000-member table helps nobody on paper).</summary>
    internal const int MaxChainRows = 400;

    /// <summary>Rows of the drawing's key table; beyond it the drawing's keys follow members.csv's order.</summary>
    internal const int MaxKeyRows = 400;

    private const double Margin = 50;
    private const double LineHeight = 13;
    private const double CellLine = 9.5;
    private readonly PdfDocument document = new();
    private readonly XFont body = new("SegoeWP", 9.5);
    private readonly XFont small = new("SegoeWP", 7.5);
    private readonly XFont title = new("SegoeWP", 16, XFontStyleEx.Bold);
    private readonly XFont heading = new("SegoeWP", 13, XFontStyleEx.Bold);
    private readonly XFont strong = new("SegoeWP", 9.5, XFontStyleEx.Bold);
    private readonly XFont strongSmall = new("SegoeWP", 7.5, XFontStyleEx.Bold);
    private PdfPage page = null!;
    private XGraphics gfx = null!;
    private double y;

    private PdfReport()
    {
    }

    private double TextWidth => page.Width.Point - (2 * Margin);

    public static byte[] Write(EvidencePackContent content, ClusterDrawing drawing)
    {
        PackFontResolver.Install();
        using var report = new PdfReport();
        return report.Render(content, drawing);
    }

    public void Dispose()
    {
        gfx?.Dispose();
        document.Dispose();
    }

    private byte[] Render(EvidencePackContent content, ClusterDrawing drawing)
    {
        var run = content.Run;
        var cluster = content.Cluster;
        document.Info.Title = $"Evidence pack: cluster {cluster.Id}";
        document.Info.Subject = $"Run {run.RunId}";
        document.Info.Author = "Distill.Attribution";
        document.Info.Creator = "Distill.Attribution evidence packs";
        document.Info.CreationDate = content.CreatedAt.UtcDateTime;
        document.Info.ModificationDate = content.CreatedAt.UtcDateTime;
        // PDFsharp draws a random document id by default; derive it from the run and cluster instead.
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{run.RunId}/{cluster.Id}/{run.InputHash}")).AsSpan(0, 16));
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;
        var rates = new ErrorRateStatement(content);

        NewPage();
        Summary(content, rates);

        NewPage();
        Heading("How the cluster was found");
        Line($"Method: an account graph from shared payment instruments, shared IPs, lockstep timing, shared prompt templates and client strings; clustering (seed {run.Parameters.ClusteringSeed}, resolution {PackText.Number(run.Parameters.ClusteringResolution)}); a logistic risk score; indicator-based attribution.");
        Line($"Run {run.RunId} created {PackText.Time(run.CreatedAt)}; code version {run.CodeVersion}.");
        Line($"Input snapshot hash {run.InputHash}");
        Line($"Parameters hash {run.ParametersHash} (every parameter is in evidence.json)");
        Line($"Membership hash {run.MembershipHash}");
        Line($"Flag rule: risk score ≥ {PackText.Number(run.Parameters.FlagThreshold)}, harvesting ≥ {PackText.Number(run.Parameters.FlagMinHarvest)} and coordination ≥ {PackText.Number(run.Parameters.FlagMinCoordination)}.");
        Activity(content);
        Features(cluster.Features);
        Pathways(content);
        Drawing(drawing, cluster);
        Chains(cluster);
        Heading("Counter-evidence");
        if (cluster.CounterEvidence.Count == 0)
        {
            Line("None found (no shared IP or instrument is widely used outside the cluster, no own-organisation card).");
        }

        foreach (var c in cluster.CounterEvidence)
        {
            Line($"• [{c.Kind}] {c.Summary}");
        }

        Heading("Error rate of this detector version");
        foreach (var paragraph in rates.Details)
        {
            Line(paragraph);
            y += 3;
        }

        Heading("Chain of custody");
        Table(["time (UTC)", "action", "person (key holder)", "role", "key id", "OS user", "run and snapshot"], [92, 98, 78, 33, 36, 42, 116],
            [.. content.Custody.Select(c => new[] { PackText.Time(c.At), c.Action, c.Holder ?? "not recorded (key made before holders were recorded)", c.Role, c.KeyId, c.OsUser ?? "—", $"{c.RunId}, snapshot {c.InputHash}" })]);
        Line("Every file of this pack is listed with its SHA-256 in manifest.json, which is signed (ECDSA P-256) in manifest.sig; public-key.pem holds the verifying key. Check with: distill verify-pack FILE --trusted-keys PUBLISHED_LIST (see docs/evidence-packs.md), or with sha256sum and openssl alone.");

        gfx.Dispose();
        gfx = null!;
        NumberPages();
        using var output = new MemoryStream();
        document.Save(output, false);
        return Canonicalize(output.ToArray(), new Guid(Convert.FromHexString(id)).ToString()); // 36 chars, like the uuid it replaces
    }

    /// <summary>
    /// PDFsharp names each embedded font subset with a random six-letter tag (<c>/FontName/QWERTY+Segoe#20WP</c>).
    /// Replace every tag by one numbered in order of first appearance: same length, so the cross-reference
    /// offsets stay valid, and the same report gives the same bytes. The XMP metadata's random document and
    /// instance uuids get the report's derived id the same way.
    /// </summary>
    internal static byte[] Canonicalize(byte[] pdf, string uuid)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var fixedText = SubsetTag().Replace(text, m =>
        {
            if (!tags.TryGetValue(m.Groups[2].Value, out var tag))
            {
                var n = tags.Count;
                tag = string.Create(6, n, static (span, v) =>
                {
                    for (var i = 5; i >= 0; i--)
                    {
                        span[i] = (char)('A' + (v % 26));
                        v /= 26;
                    }
                });
                tags[m.Groups[2].Value] = tag;
            }

            return $"{m.Groups[1].Value}{tag}+";
        });
        fixedText = XmpUuid().Replace(fixedText, m => m.Groups[1].Value + uuid);
        return System.Text.Encoding.Latin1.GetBytes(fixedText);
    }

    [System.Text.RegularExpressions.GeneratedRegex("(/(?:FontName|BaseFont)/)([A-Z]{6})\\+")]
    private static partial System.Text.RegularExpressions.Regex SubsetTag();

    [System.Text.RegularExpressions.GeneratedRegex("(<xmpMM:(?:DocumentID|InstanceID)>uuid:)[0-9a-fA-F-]{36}")]
    private static partial System.Text.RegularExpressions.Regex XmpUuid();

    private void Summary(EvidencePackContent content, ErrorRateStatement rates)
    {
        var cluster = content.Cluster;
        var run = content.Run;
        gfx.DrawString($"Evidence pack — cluster {cluster.Id}", title, XBrushes.Black, new XRect(Margin, y, TextWidth, 22), XStringFormats.TopLeft);
        y += 24;
        Line($"Run {run.RunId} of {PackText.Time(run.CreatedAt)}; pack made {PackText.Time(content.CreatedAt)}{(content.Custody.Count > 0 && content.Custody[0].Holder is { } who ? $" by {who}" : "")}.");
        Heading("Summary in plain language");

        SubHeading("Who");
        if (cluster.Operator is { Through: { } tie } inherited)
        {
            Line($"The accounts are attributed to the suspected operator {inherited.OperatorName ?? inherited.OperatorId} ({inherited.OperatorId}) with confidence {PackText.Number(inherited.Confidence)} (0 to 1) through shared infrastructure, not through indicators of their own: {PackText.Int(tie.RidingMembers)} of the {PackText.Int(cluster.Members.Count)} accounts each connect or pay through several of the {PackText.Int(tie.SharedElements)} addresses and payment instruments that the accounts of cluster {tie.SourceClusterId} use in common, and that operator's indicators name cluster {tie.SourceClusterId}. Examples: {string.Join(", ", tie.ExampleElements)}.");
        }
        else if (cluster.Operator is { } op)
        {
            Line($"The accounts are attributed to the suspected operator {op.OperatorName ?? op.OperatorId} ({op.OperatorId}) with confidence {PackText.Number(op.Confidence)} (0 to 1), from {op.IndependentKinds} independent kind(s) of indicator such as a known payment card, IP range or organisation name.");
        }
        else
        {
            Line("No known operator is attributed: none of the operator indicators on file reaches these accounts. The accounts are reported as a coordinated group of unknown origin.");
        }

        SubHeading("What");
        var activity = content.Activity;
        var created = content.Sources.Accounts.Count == 0 ? (DateTimeOffset?)null : content.Sources.Accounts.Min(a => a.CreatedAt);
        var createdLast = content.Sources.Accounts.Count == 0 ? (DateTimeOffset?)null : content.Sources.Accounts.Max(a => a.CreatedAt);
        var what = new StringBuilder();
        what.Append(PackText.Int(cluster.Members.Count)).Append(" accounts");
        if (created is { } c0 && createdLast is { } c1)
        {
            what.Append(", opened between ").Append(Day(c0)).Append(" and ").Append(Day(c1)).Append(',');
        }

        if (activity is { Requests: > 0, First: { } first, Last: { } last })
        {
            what.Append(" made ").Append(PackText.Int(activity.Requests)).Append(" requests to the API between ").Append(Day(first)).Append(" and ").Append(Day(last)).Append('.');
            var top = activity.ByCapability.OrderByDescending(x => x.Requests).ThenBy(x => x.Capability, StringComparer.Ordinal).FirstOrDefault();
            if (top is not null)
            {
                what.Append(" The most used capability was ").Append(top.Capability).Append(" (").Append(Percent(top.Requests, activity.Requests)).Append(" of their requests).");
            }

            var pivots = activity.ByModel.Where(m => m.ReleasedAt is { } r && m.First >= r && (m.First - r).TotalDays <= 2).Select(m => m.Model).ToList();
            if (pivots.Count > 0)
            {
                what.Append(" They started using ").Append(string.Join(", ", pivots)).Append(" within two days of its release.");
            }
        }
        else
        {
            what.Append(" made ").Append(PackText.Int(cluster.Features.RequestCount)).Append(" requests (their full activity window was not read from this store).");
        }

        Line(what.ToString());

        SubHeading("Why they are grouped");
        foreach (var reason in Reasons(cluster))
        {
            Line("• " + reason);
        }

        SubHeading("How sure");
        Line($"The detector's risk score is {PackText.Number(cluster.RiskScore)} on a scale of 0 to 1; clusters are flagged from {PackText.Number(run.Parameters.FlagThreshold)}.");
        foreach (var sentence in rates.Summary)
        {
            Line(sentence);
        }

        Line(cluster.CounterEvidence.Count == 0
            ? "No counter-evidence was found (such as a shared network also used by many unrelated accounts)."
            : $"{cluster.CounterEvidence.Count} item(s) of counter-evidence were found and are listed on a later page; read them before relying on this report.");

        SubHeading("What this report is");
        Line("It records what an automated detector found in account metadata and why; it is not proof of intent. The following pages give the method, the evidence record by record, its known error rate and the chain of custody. Every number here can be checked against the files of this pack.");
    }

    private static List<string> Reasons(DetectedCluster cluster)
    {
        var f = cluster.Features;
        var reasons = new List<string>();
        var rules = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var step in cluster.Evidence?.Steps ?? [])
        {
            foreach (var link in step.Links)
            {
                rules[link.Rule] = rules.GetValueOrDefault(link.Rule) + 1;
            }
        }

        if (rules.Count > 0)
        {
            reasons.Add("Each account is tied to another by direct links: " + string.Join(", ", rules.Select(r => $"{Plain(r.Key)} ({PackText.Int(r.Value)})")) + ".");
        }

        void Add(double value, double threshold, string text)
        {
            if (value >= threshold)
            {
                reasons.Add($"{text} ({PackText.Number(value, "0.##")}).");
            }
        }

        Add(f.PaymentSharing, 0.3, "Accounts share payment instruments");
        Add(f.Synchrony, 0.3, "Accounts send requests in lockstep, as one scheduler would");
        Add(f.TemplateConcentration, 0.3, "Requests reuse the same prompt templates");
        Add(f.TemplatePool, 0.3, "Members draw their prompts from a pool of templates nobody outside the group runs");
        Add(f.CapabilityConcentration, 0.5, "Requests concentrate on capabilities useful for copying a model");
        Add(f.ReleasePivot, 0.3, "The group moved to newly released models faster than other users");
        Add(f.SignupBurst, 0.3, "Accounts were opened within minutes of each other");
        if (reasons.Count == 0)
        {
            reasons.Add("The combination of the features on the next pages, none strong alone.");
        }

        return reasons;
    }

    private static string Plain(string rule) => rule switch
    {
        "shared_payment" => "a shared payment instrument",
        "shared_ip" => "a shared IP address",
        "lockstep" => "requests in lockstep",
        "shared_prompt" or "shared_template" => "a shared prompt template",
        "shared_client" => "a shared client string",
        _ => rule.Replace('_', ' '),
    };

    private void Activity(EvidencePackContent content)
    {
        Heading("Activity of the cluster (all member requests)");
        var activity = content.Activity;
        if (activity is null)
        {
            Line("Not read: the store this pack was made from cannot aggregate all member requests (Neo4j: not done yet). Only the requests cited as evidence are in sources/requests.jsonl; they are examples, not the cluster's traffic.");
            return;
        }

        if (activity.Requests == 0 || activity.First is not { } first || activity.Last is not { } last)
        {
            Line("The members made no request in this store.");
            return;
        }

        Line($"{PackText.Int(activity.Requests)} requests from {PackText.Time(first)} to {PackText.Time(last)} (the cluster's full activity window). By model, with each model's release date where the release list has it; \"days after release\" is from the release to the cluster's first request on that model:");
        Table(["model", "released", "first request", "days after release", "last request", "requests", "share"], [95, 62, 95, 55, 95, 50, 43],
            [.. activity.ByModel.OrderBy(m => m.ReleasedAt ?? DateTimeOffset.MaxValue).ThenBy(m => m.Model, StringComparer.Ordinal).Select(m => new[]
            {
                m.Model, m.ReleasedAt is { } r ? Day(r) : "not listed", PackText.Time(m.First),
                m.ReleasedAt is { } rr ? PackText.Number((m.First - rr).TotalDays, "0.#") : "—", PackText.Time(m.Last), PackText.Int(m.Requests), Percent(m.Requests, activity.Requests),
            })]);
        Timeline(activity, first, last);
        Line("By capability:");
        Table(["capability", "requests", "share"], [200, 80, 60],
            [.. activity.ByCapability.OrderByDescending(c => c.Requests).ThenBy(c => c.Capability, StringComparer.Ordinal).Select(c => new[] { c.Capability, PackText.Int(c.Requests), Percent(c.Requests, activity.Requests) })]);
        Line($"The evidence cites {PackText.Int(content.Sources.Requests.Count)} of these requests as examples (sources/requests.jsonl).");
    }

    /// <summary>One bar per model from its first to its last request, a red tick at its release date.</summary>
    private void Timeline(ClusterActivity activity, DateTimeOffset first, DateTimeOffset last)
    {
        var models = activity.ByModel.OrderBy(m => m.ReleasedAt ?? DateTimeOffset.MaxValue).ThenBy(m => m.Model, StringComparer.Ordinal).ToList();
        var start = models.Select(m => m.ReleasedAt ?? first).Append(first).Min();
        var span = Math.Max((last - start).TotalSeconds, 1);
        var rowHeight = 11.0;
        var labelWidth = 95.0;
        EnsureRoom((models.Count * rowHeight) + 40);
        var left = Margin + labelWidth;
        var width = TextWidth - labelWidth - 10;
        double X(DateTimeOffset t) => left + (width * (t - start).TotalSeconds / span);
        var top = y + 4;
        var release = new XPen(XColor.FromArgb(192, 57, 43), 1.4);
        var (br, bg, bb) = PackColours.Rgb(PackColours.MemberHex);
        var bar = new XSolidBrush(XColor.FromArgb(br, bg, bb));
        for (var i = 0; i < models.Count; i++)
        {
            var m = models[i];
            var rowY = top + (i * rowHeight);
            gfx.DrawString(Fit(m.Model, small, labelWidth - 4), small, XBrushes.Black, new XRect(Margin, rowY, labelWidth - 4, rowHeight), XStringFormats.TopLeft);
            gfx.DrawRectangle(bar, X(m.First), rowY + 2, Math.Max(X(m.Last) - X(m.First), 1.5), rowHeight - 5);
            if (m.ReleasedAt is { } r)
            {
                gfx.DrawLine(release, X(r), rowY, X(r), rowY + rowHeight - 1);
            }
        }

        var axis = top + (models.Count * rowHeight) + 2;
        gfx.DrawLine(XPens.Gray, left, axis, left + width, axis);
        gfx.DrawString(Day(start), small, XBrushes.Gray, new XRect(left, axis + 1, 100, 10), XStringFormats.TopLeft);
        gfx.DrawString(Day(last), small, XBrushes.Gray, new XRect(left + width - 100, axis + 1, 100, 10), XStringFormats.TopRight);
        y = axis + 12;
        gfx.DrawRectangle(bar, Margin, y + 2, 14, 6);
        gfx.DrawString("the cluster's requests on the model (first to last)", small, XBrushes.Black, new XRect(Margin + 18, y, 220, 10), XStringFormats.TopLeft);
        gfx.DrawLine(release, Margin + 250, y, Margin + 250, y + 9);
        gfx.DrawString("the model's release date", small, XBrushes.Black, new XRect(Margin + 256, y, 200, 10), XStringFormats.TopLeft);
        y += 16;
    }

    private void Features(ClusterFeatures f)
    {
        Heading("Cluster features (each in [0, 1], the harvesting span in days)");
        Table(["feature", "value"], [150, 80],
        [
            ["synchrony", PackText.Number(f.Synchrony)], ["harvesting synchrony", PackText.Number(f.HarvestSynchrony)],
            ["template concentration", PackText.Number(f.TemplateConcentration)],
            ["members running the group's held templates", PackText.Number(f.TemplatePool)],
            ["harvesting on those templates", PackText.Number(f.TemplatePoolHarvest)],
            ["capability concentration", PackText.Number(f.CapabilityConcentration)],
            ["harvesting on shared templates", PackText.Number(f.SharedTemplateHarvest)], ["release pivot", PackText.Number(f.ReleasePivot)],
            ["payment sharing", PackText.Number(f.PaymentSharing)], ["pathway mix", PackText.Number(f.PathwayMix)],
            ["sign-up burst", PackText.Number(f.SignupBurst)], ["size", PackText.Number(f.Size)], ["volume", PackText.Number(f.Volume)],
            ["organisation consistency", PackText.Number(f.OrgConsistency)],
            ["co-use beyond chance", PackText.Number(f.CoUse)], ["group synchrony", PackText.Number(f.GroupSynchrony)],
            ["transparency (counter-evidence)", PackText.Number(f.Transparency)],
            ["open about their own organisations (counter-evidence)", PackText.Number(f.OpenOrganisations)],
            ["one named person (counter-evidence)", PackText.Number(f.OnePerson)], ["concealment", PackText.Number(f.Concealment)],
            ["instruments shared across organisations (count)", PackText.Int(f.ConcealedInstruments)],
            ["harvesting span (days)", PackText.Number(f.HarvestSpanDays)],
        ]);
    }

    private void Pathways(EvidencePackContent content)
    {
        var pathways = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in content.Sources.Accounts)
        {
            var name = ContractNames.Name(a.AccessPathway);
            pathways[name] = pathways.GetValueOrDefault(name) + 1;
        }

        Line($"Access pathways of the members: {Join(pathways)}.");
    }

    private void Chains(DetectedCluster cluster)
    {
        Heading("Evidence chains");
        var steps = cluster.Evidence?.Steps ?? [];
        Line($"Each member links to its parent (one step closer to the core member {cluster.Evidence?.Root}) by the links below; evidence.json holds every link with its source records.");
        var rows = new List<string[]>(Math.Min(steps.Count, MaxChainRows));
        foreach (var step in steps)
        {
            if (rows.Count == MaxChainRows)
            {
                break;
            }

            var rules = new StringBuilder();
            foreach (var link in step.Links)
            {
                rules.Append(rules.Length > 0 ? "; " : "").Append(link.Rule).Append(' ').Append(PackText.Number(link.Weight, "0.##"));
            }

            rows.Add([step.Member, step.Parent ?? "(core)", PackText.Int(step.Depth), rules.ToString(), string.Join(", ", step.MatchedIndicators)]);
        }

        Table(["member", "parent", "depth", "links (rule weight)", "indicators"], [78, 78, 30, 124, 185], rows);
        if (steps.Count > MaxChainRows)
        {
            Line($"{steps.Count - MaxChainRows} more steps are in evidence.json (the table stops at {MaxChainRows}).");
        }

        var link0 = steps.Count > 0 && steps[^1].Links.Count > 0 ? steps[^1].Links[0] : null;
        if (link0 is not null)
        {
            Line($"Example link: {link0.Summary}");
        }
    }

    private void Drawing(ClusterDrawing drawing, DetectedCluster cluster)
    {
        NewPage();
        Heading($"Drawing of cluster {cluster.Id}");
        Line(drawing.ForceLayout
            ? "Laid out so that accounts sharing a value sit close to it: a tight bunch is a crew, a square with many lines is a shared hub. Each node carries its key from the table that follows."
            : "Too many nodes for a force layout: members sit on rings by evidence depth (the core member inside), shared values on the inner circle. Keys are in the table that follows.");
        Legend(drawing);
        var size = Math.Min(TextWidth, page.Height.Point - Margin - y - 20);
        var left = Margin + ((TextWidth - size) / 2);
        // The layout keeps its aspect ratio: draw only the band of the square it uses, so the key table follows closely.
        var used = Enumerable.Range(0, drawing.Members.Length).Select(i => drawing.MemberAt(i).Y).Concat(Enumerable.Range(0, drawing.Values.Length).Select(i => drawing.ValueAt(i).Y)).ToList();
        var (minY, maxY) = used.Count == 0 ? (0.0, 1.0) : (Math.Max(0, used.Min() - 0.03), Math.Min(1, used.Max() + 0.03));
        var top = y - (minY * size);
        var (mr, mg, mb) = PackColours.Rgb(PackColours.MemberLinkHex);
        var (vr, vg, vb) = PackColours.Rgb(PackColours.ValueLinkHex);
        var memberPen = new XPen(XColor.FromArgb(mr, mg, mb), 0.5);
        var valuePen = new XPen(XColor.FromArgb(vr, vg, vb), 0.35);
        foreach (var (from, to, toValue) in drawing.Edges)
        {
            var (x1, y1) = drawing.MemberAt(from);
            var (x2, y2) = toValue ? drawing.ValueAt(to) : drawing.MemberAt(to);
            gfx.DrawLine(toValue ? valuePen : memberPen, left + (x1 * size), top + (y1 * size), left + (x2 * size), top + (y2 * size));
        }

        var nodes = drawing.Members.Length + drawing.Values.Length;
        var r = nodes > 500 ? 1.2 : nodes > 150 ? 2 : 3;
        var labelFont = nodes <= 60 ? new XFont("SegoeWP", 6.5) : nodes <= 150 ? new XFont("SegoeWP", 4.5) : new XFont("SegoeWP", 3.2);
        var labelled = nodes <= 300;
        var memberBrush = Brush(PackColours.MemberHex);
        var matchedBrush = Brush(PackColours.MatchedHex);
        var valueBrush = Brush(PackColours.ValueHex);
        for (var i = 0; i < drawing.Values.Length; i++)
        {
            var (x, yy) = drawing.ValueAt(i);
            gfx.DrawRectangle(valueBrush, left + (x * size) - r, top + (yy * size) - r, 2 * r, 2 * r);
            if (labelled)
            {
                gfx.DrawString(ClusterDrawing.ValueKey(i), labelFont, XBrushes.DimGray, left + (x * size) + r + 0.5, top + (yy * size) + r + labelFont.Size);
            }
        }

        for (var i = 0; i < drawing.Members.Length; i++)
        {
            var (x, yy) = drawing.MemberAt(i);
            gfx.DrawEllipse(drawing.MemberMatched[i] ? matchedBrush : memberBrush, left + (x * size) - r, top + (yy * size) - r, 2 * r, 2 * r);
            if (labelled)
            {
                gfx.DrawString(ClusterDrawing.MemberKey(i), labelFont, XBrushes.Black, left + (x * size) + r + 0.5, top + (yy * size) - r);
            }
        }

        y = top + (maxY * size) + 8;
        if (!labelled)
        {
            Line($"{PackText.Int(nodes)} nodes are too many to label legibly; the table below keys the first {MaxKeyRows} members, members.csv and evidence.json list all.");
        }

        Heading("Key to the drawing");
        var keyRows = new List<string[]>();
        for (var i = 0; i < drawing.Members.Length && keyRows.Count < MaxKeyRows; i++)
        {
            keyRows.Add([ClusterDrawing.MemberKey(i), i == 0 ? "core member" : drawing.MemberMatched[i] ? "member, matches an indicator" : "member", drawing.Members[i]]);
        }

        for (var i = 0; i < drawing.Values.Length && keyRows.Count < 2 * MaxKeyRows; i++)
        {
            keyRows.Add([ClusterDrawing.ValueKey(i), $"shared {drawing.ValueKinds[i]}", drawing.Values[i]]);
        }

        Table(["key", "what", "account id or shared value"], [45, 140, 310], keyRows);
        if (drawing.Members.Length > MaxKeyRows)
        {
            Line($"{drawing.Members.Length - MaxKeyRows} more members are not keyed here; members.csv lists every member.");
        }
    }

    /// <summary>The symbols the drawing uses, drawn as they are drawn there, each named; a kind absent from the drawing is left out.</summary>
    private void Legend(ClusterDrawing drawing)
    {
        EnsureRoom(16);
        var x = Margin;
        void Item(Action<double> symbol, string text)
        {
            symbol(x);
            gfx.DrawString(text, small, XBrushes.Black, new XRect(x + 12, y, 200, 10), XStringFormats.TopLeft);
            x += 16 + gfx.MeasureString(text, small).Width;
        }

        if (drawing.MemberMatched.Any(m => !m))
        {
            Item(at => gfx.DrawEllipse(Brush(PackColours.MemberHex), at, y + 1, 7, 7), "member");
        }

        if (drawing.MemberMatched.Any(m => m))
        {
            Item(at => gfx.DrawEllipse(Brush(PackColours.MatchedHex), at, y + 1, 7, 7), "member matching an operator indicator");
        }

        if (drawing.Values.Length > 0)
        {
            Item(at => gfx.DrawRectangle(Brush(PackColours.ValueHex), at, y + 1, 7, 7), "shared value (payment, IP, template, client)");
        }

        var (mr, mg, mb) = PackColours.Rgb(PackColours.MemberLinkHex);
        Item(at => gfx.DrawLine(new XPen(XColor.FromArgb(mr, mg, mb), 1), at - 2, y + 5, at + 9, y + 5), "evidence link");
        if (drawing.Values.Length > 0)
        {
            var (vr, vg, vb) = PackColours.Rgb(PackColours.ValueLinkHex);
            Item(at => gfx.DrawLine(new XPen(XColor.FromArgb(vr, vg, vb), 1), at - 2, y + 5, at + 9, y + 5), "uses value");
        }
        y += 16;
    }

    private static XSolidBrush Brush(string hex)
    {
        var (r, g, b) = PackColours.Rgb(hex);
        return new XSolidBrush(XColor.FromArgb(r, g, b));
    }

    /// <summary>A table whose cells wrap at word boundaries (and inside words too long for the column); the header repeats on each new page.</summary>
    private void Table(string[] header, double[] widths, IReadOnlyList<string[]> rows)
    {
        var headerLines = Wrap(header, widths, strongSmall);
        var headerHeight = (headerLines.Max(l => l.Count) * CellLine) + 3;
        EnsureRoom(headerHeight + CellLine + 2);
        DrawRow(headerLines, widths, strongSmall, headerHeight, shaded: true);
        foreach (var row in rows)
        {
            var lines = Wrap(row, widths, small);
            var height = (lines.Max(l => l.Count) * CellLine) + 3;
            if (y + height > page.Height.Point - Margin)
            {
                NewPage();
                DrawRow(headerLines, widths, strongSmall, headerHeight, shaded: true);
            }

            DrawRow(lines, widths, small, height, shaded: false);
        }

        y += 6;
    }

    private List<List<string>> Wrap(string[] cells, double[] widths, XFont font)
    {
        var result = new List<List<string>>(cells.Length);
        for (var i = 0; i < cells.Length; i++)
        {
            result.Add(WrapText(cells[i], font, widths[i] - 6));
        }

        return result;
    }

    private void DrawRow(List<List<string>> cells, double[] widths, XFont font, double height, bool shaded)
    {
        var total = widths.Sum();
        if (shaded)
        {
            gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(234, 238, 242)), Margin, y, total, height);
        }

        var x = Margin;
        for (var i = 0; i < cells.Count; i++)
        {
            for (var l = 0; l < cells[i].Count; l++)
            {
                gfx.DrawString(cells[i][l], font, XBrushes.Black, new XRect(x + 3, y + 1.5 + (l * CellLine), widths[i] - 6, CellLine), XStringFormats.TopLeft);
            }

            x += widths[i];
        }

        y += height;
        gfx.DrawLine(new XPen(XColor.FromArgb(200, 205, 210), 0.4), Margin, y, Margin + total, y);
    }

    /// <summary>Lines of at most <paramref name="width"/> points: breaks at spaces, and inside a word only when the word alone is too wide (hashes, ids).</summary>
    private List<string> WrapText(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (gfx.MeasureString(candidate, font).Width <= width)
            {
                line.Clear().Append(candidate);
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            var rest = word;
            while (rest.Length > 0 && gfx.MeasureString(rest, font).Width > width)
            {
                var n = rest.Length - 1;
                while (n > 1 && gfx.MeasureString(rest[..n], font).Width > width)
                {
                    n--;
                }

                lines.Add(rest[..n]);
                rest = rest[n..];
            }

            line.Append(rest);
        }

        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    private void Heading(string text)
    {
        EnsureRoom(3 * LineHeight);
        y += 8;
        gfx.DrawString(text, heading, XBrushes.Black, new XRect(Margin, y, TextWidth, 18), XStringFormats.TopLeft);
        y += 20;
    }

    private void SubHeading(string text)
    {
        EnsureRoom(2 * LineHeight);
        y += 4;
        gfx.DrawString(text, strong, XBrushes.Black, new XRect(Margin, y, TextWidth, LineHeight), XStringFormats.TopLeft);
        y += LineHeight;
    }

    /// <summary>Writes a paragraph, wrapped to the text width (inside words only when one is wider than the page).</summary>
    private void Line(string text)
    {
        foreach (var line in WrapText(text, body, TextWidth))
        {
            EnsureRoom(LineHeight);
            gfx.DrawString(line, body, XBrushes.Black, new XRect(Margin, y, TextWidth, LineHeight), XStringFormats.TopLeft);
            y += LineHeight;
        }
    }

    /// <summary>Cuts a short label (the timeline's model names) with "…" where a table would wrap; the tables above show the whole name.</summary>
    private string Fit(string text, XFont font, double width)
    {
        if (text.Length == 0 || gfx.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var n = text.Length;
        while (n > 1 && gfx.MeasureString(string.Concat(text.AsSpan(0, n), "…"), font).Width > width)
        {
            n--;
        }

        return string.Concat(text.AsSpan(0, n), "…");
    }

    private void EnsureRoom(double height)
    {
        if (y + height > page.Height.Point - Margin)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        gfx?.Dispose();
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        gfx = XGraphics.FromPdfPage(page);
        y = Margin;
    }

    /// <summary>"page n of N" on every page, once N is known.</summary>
    private void NumberPages()
    {
        var count = document.PageCount;
        for (var i = 0; i < count; i++)
        {
            var p = document.Pages[i];
            using var g = XGraphics.FromPdfPage(p, XGraphicsPdfPageOptions.Append);
            var text = $"page {PackText.Int(i + 1)} of {PackText.Int(count)}";
            g.DrawString(text, small, XBrushes.Gray, new XRect(Margin, p.Height.Point - 32, p.Width.Point - (2 * Margin), 12), XStringFormats.TopRight);
            g.DrawString(document.Info.Title, small, XBrushes.Gray, new XRect(Margin, p.Height.Point - 32, 300, 12), XStringFormats.TopLeft);
        }
    }

    private static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Percent(long part, long whole) => whole == 0 ? "—" : PackText.Number(100.0 * part / whole, "0.#") + " %";

    private static string Join(SortedDictionary<string, int> counts)
    {
        if (counts.Count == 0)
        {
            return "none";
        }

        var text = new StringBuilder();
        foreach (var (name, count) in counts)
        {
            text.Append(text.Length > 0 ? ", " : "").Append(name).Append(' ').Append(PackText.Int(count));
        }

        return text.ToString();
    }
}
