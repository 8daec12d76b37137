using System.Security.Cryptography;
using System.Text;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Distill.Attribution.Infrastructure.EvidencePacks;

/// <summary>
/// report.pdf for a legal reader: summary, how the cluster was found, the evidence chains as tables, the cluster
/// drawing, counter-evidence, the detector's measured error rate (or "not measured") and the chain of custody.
/// Dates and document ids come from the pack, so the same content gives the same bytes.
/// </summary>
internal sealed partial class PdfReport : IDisposable
{
    /// <summary>Chains shown as table rows; the rest stay in evidence.json (a 2,000-member table helps nobody on paper).</summary>
    internal const int MaxChainRows = 400;

    private const double Margin = 50;
    private const double LineHeight = 13;
    private readonly PdfDocument document = new();
    private readonly XFont body = new("SegoeWP", 9);
    private readonly XFont small = new("SegoeWP", 7.5);
    private readonly XFont heading = new("SegoeWP", 13, XFontStyleEx.Bold);
    private readonly XFont strong = new("SegoeWP", 9, XFontStyleEx.Bold);
    private PdfPage page = null!;
    private XGraphics gfx = null!;
    private double y;

    private PdfReport()
    {
    }

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
        document.Info.CreationDate = content.CreatedAt.UtcDateTime;
        document.Info.ModificationDate = content.CreatedAt.UtcDateTime;
        // PDFsharp draws a random document id by default; derive it from the run and cluster instead.
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{run.RunId}/{cluster.Id}/{run.InputHash}")).AsSpan(0, 16));
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;
        NewPage();

        Heading($"Evidence pack — cluster {cluster.Id}");
        Summary(content);
        Heading("How the cluster was found");
        Line($"Method: account graph from shared payment instruments, shared IPs, lockstep timing, shared prompt templates and client strings; clustering (seed {run.Parameters.ClusteringSeed}, resolution {PackText.Number(run.Parameters.ClusteringResolution)}); logistic risk score; indicator-based attribution.");
        Line($"Run {run.RunId} created {PackText.Time(run.CreatedAt)}; code version {run.CodeVersion}.");
        Line($"Input snapshot hash {run.InputHash}");
        Line($"Parameters hash {run.ParametersHash} (every parameter is in evidence.json)");
        Line($"Membership hash {run.MembershipHash}");
        Line($"Flag rule: risk score ≥ {PackText.Number(run.Parameters.FlagThreshold)}, harvesting ≥ {PackText.Number(run.Parameters.FlagMinHarvest)} and coordination ≥ {PackText.Number(run.Parameters.FlagMinCoordination)}.");
        Features(cluster.Features);
        Chains(cluster);
        Drawing(drawing, cluster);
        Heading("Counter-evidence");
        if (cluster.CounterEvidence.Count == 0)
        {
            Line("None found (no shared IP or instrument is widely used outside the cluster, no own-organisation card).");
        }

        foreach (var c in cluster.CounterEvidence)
        {
            Line($"• [{c.Kind}] {c.Summary}");
        }

        Heading("Measured error rate of the detector");
        if (content.Quality is { } q)
        {
            Line($"Precision {PackText.Number(q.Precision)}, recall {PackText.Number(q.Recall)}{(q.F1 is { } f1 ? $", F1 {PackText.Number(f1)}" : "")}.");
            if (q.AttributionAccuracy is not null || q.LegitFlagged is not null)
            {
                Line(string.Join("; ", new[]
                {
                    q.AttributionAccuracy is { } a ? $"Attribution accuracy {PackText.Number(a)}" : null,
                    q.LegitFlagged is { } l ? $"legitimate accounts flagged: {PackText.Int(l)}" : null,
                }.Where(x => x is not null)) + ".");
            }

            Line($"How measured: {q.Method} (from {q.Source}).");
        }
        else
        {
            Line("Not measured: no evaluation result (distill evaluate on labelled data) was available when this pack was made.");
        }

        Heading("Chain of custody");
        foreach (var c in content.Custody)
        {
            Line($"{PackText.Time(c.At)}  {c.Action}  by key {c.KeyId} (role {c.Role}); run {c.RunId}; snapshot {c.InputHash}");
        }

        Line("Every file of this pack is listed with its SHA-256 in manifest.json, which is signed (ECDSA P-256) in manifest.sig;");
        Line("public-key.pem holds the verifying key. Check with: distill verify-pack FILE (see docs/evidence-packs.md).");

        using var output = new MemoryStream();
        gfx.Dispose();
        gfx = null!;
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

    private void Summary(EvidencePackContent content)
    {
        var cluster = content.Cluster;
        Heading("Summary");
        if (cluster.Operator is { } op)
        {
            Line($"Suspected operator: {op.OperatorName ?? op.OperatorId} ({op.OperatorId}), attribution confidence {PackText.Number(op.Confidence)} from {op.IndependentKinds} independent indicator kind(s).");
        }
        else
        {
            Line("Suspected operator: none attributed (no known operator's indicators reach this cluster).");
        }

        Line($"Risk score {PackText.Number(cluster.RiskScore)}; members {cluster.Members.Count}; requests {PackText.Int(cluster.Features.RequestCount)}.");
        var first = DateTimeOffset.MaxValue;
        var last = DateTimeOffset.MinValue;
        var models = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var capabilities = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in content.Sources.Requests)
        {
            first = r.Ts < first ? r.Ts : first;
            last = r.Ts > last ? r.Ts : last;
            models[r.Model] = models.GetValueOrDefault(r.Model) + 1;
            var cap = r.Capability ?? "(none)";
            capabilities[cap] = capabilities.GetValueOrDefault(cap) + 1;
        }

        foreach (var a in content.Sources.Accounts)
        {
            first = a.CreatedAt < first ? a.CreatedAt : first;
        }

        if (first <= last)
        {
            Line($"Period of the cited records: {PackText.Time(first)} to {PackText.Time(last)}.");
        }

        Line($"Cited requests by model: {Join(models)}");
        Line($"Cited requests by capability: {Join(capabilities)}");
        var pathways = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in content.Sources.Accounts)
        {
            var name = ContractNames.Name(a.AccessPathway);
            pathways[name] = pathways.GetValueOrDefault(name) + 1;
        }

        Line($"Access pathways of the members: {Join(pathways)}");
    }

    private void Features(ClusterFeatures f)
    {
        Heading("Cluster features (each in [0, 1], the harvesting span in days)");
        Table(["feature", "value"], [150, 80],
        [
            ["synchrony", PackText.Number(f.Synchrony)], ["harvesting synchrony", PackText.Number(f.HarvestSynchrony)],
            ["template concentration", PackText.Number(f.TemplateConcentration)],
            ["capability concentration", PackText.Number(f.CapabilityConcentration)], ["release pivot", PackText.Number(f.ReleasePivot)],
            ["payment sharing", PackText.Number(f.PaymentSharing)], ["pathway mix", PackText.Number(f.PathwayMix)],
            ["sign-up burst", PackText.Number(f.SignupBurst)], ["size", PackText.Number(f.Size)], ["volume", PackText.Number(f.Volume)],
            ["organisation consistency", PackText.Number(f.OrgConsistency)],
            ["co-use beyond chance", PackText.Number(f.CoUse)], ["group synchrony", PackText.Number(f.GroupSynchrony)],
            ["transparency (counter-evidence)", PackText.Number(f.Transparency)], ["concealment", PackText.Number(f.Concealment)],
            ["harvesting span (days)", PackText.Number(f.HarvestSpanDays)],
        ]);
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

        Table(["member", "parent", "depth", "links (rule weight)", "indicators"], [95, 95, 35, 170, 100], rows);
        if (steps.Count > MaxChainRows)
        {
            Line($"… {steps.Count - MaxChainRows} more steps in evidence.json.");
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
        Line("Blue: member; red: member matching an operator indicator; grey square: shared value (instrument, IP, template, client).");
        var size = page.Width.Point - (2 * Margin);
        var top = y;
        var memberPen = new XPen(XColor.FromArgb(31, 78, 121), 0.4);
        var valuePen = new XPen(XColor.FromArgb(154, 165, 177), 0.3);
        foreach (var (from, to, toValue) in drawing.Edges)
        {
            var (x1, y1) = drawing.MemberAt(from);
            var (x2, y2) = toValue ? drawing.ValueAt(to) : drawing.MemberAt(to);
            gfx.DrawLine(toValue ? valuePen : memberPen, Margin + (x1 * size), top + (y1 * size), Margin + (x2 * size), top + (y2 * size));
        }

        var r = drawing.Members.Length > 500 ? 1.2 : 2.5;
        for (var i = 0; i < drawing.Members.Length; i++)
        {
            var (x, yy) = drawing.MemberAt(i);
            gfx.DrawEllipse(drawing.MemberMatched[i] ? XBrushes.Firebrick : XBrushes.SteelBlue, Margin + (x * size) - r, top + (yy * size) - r, 2 * r, 2 * r);
        }

        for (var i = 0; i < drawing.Values.Length; i++)
        {
            var (x, yy) = drawing.ValueAt(i);
            gfx.DrawRectangle(XBrushes.Gray, Margin + (x * size) - 2, top + (yy * size) - 2, 4, 4);
        }

        y = top + size + LineHeight;
    }

    private void Table(string[] header, double[] widths, IReadOnlyList<string[]> rows)
    {
        Row(header, widths, strong);
        foreach (var row in rows)
        {
            Row(row, widths, small);
        }

        y += 4;
    }

    private void Row(string[] cells, double[] widths, XFont font)
    {
        EnsureRoom(LineHeight);
        var x = Margin;
        for (var i = 0; i < cells.Length; i++)
        {
            gfx.DrawString(Fit(cells[i], font, widths[i] - 4), font, XBrushes.Black, new XRect(x, y, widths[i] - 4, LineHeight), XStringFormats.TopLeft);
            x += widths[i];
        }

        y += LineHeight - 2;
    }

    private void Heading(string text)
    {
        EnsureRoom(3 * LineHeight);
        y += 6;
        gfx.DrawString(text, heading, XBrushes.Black, new XRect(Margin, y, page.Width.Point - (2 * Margin), 18), XStringFormats.TopLeft);
        y += 20;
    }

    /// <summary>Writes a paragraph, wrapped at word boundaries to the text width.</summary>
    private void Line(string text)
    {
        var width = page.Width.Point - (2 * Margin);
        var words = text.Split(' ');
        var line = new StringBuilder();
        foreach (var word in words)
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && gfx.MeasureString(candidate, body).Width > width)
            {
                DrawBodyLine(line.ToString());
                line.Clear().Append("    ").Append(word);
            }
            else
            {
                line.Clear().Append(candidate);
            }
        }

        DrawBodyLine(line.ToString());
    }

    private void DrawBodyLine(string text)
    {
        EnsureRoom(LineHeight);
        gfx.DrawString(Fit(text, body, page.Width.Point - (2 * Margin)), body, XBrushes.Black, new XRect(Margin, y, page.Width.Point - (2 * Margin), LineHeight), XStringFormats.TopLeft);
        y += LineHeight;
    }

    private string Fit(string text, XFont font, double width)
    {
        if (text.Length == 0 || gfx.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var n = text.Length;
        while (n > 1 && gfx.MeasureString(string.Concat(text.AsSpan(0, n), "…"), font).Width > width)
        {
            n = n * 9 / 10;
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
        gfx.DrawString($"page {document.PageCount}", small, XBrushes.Gray, new XRect(Margin, page.Height.Point - 30, 100, 12), XStringFormats.TopLeft);
    }

    private static string Join(SortedDictionary<string, int> counts)
    {
        if (counts.Count == 0)
        {
            return "none cited";
        }

        var text = new StringBuilder();
        foreach (var (name, count) in counts)
        {
            text.Append(text.Length > 0 ? ", " : "").Append(name).Append(' ').Append(PackText.Int(count));
        }

        return text.ToString();
    }
}
