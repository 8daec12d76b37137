using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.EvidencePacks;

namespace Distill.Attribution.Infrastructure.Tests.EvidencePacks;

public sealed partial class PackReportTests
{
    private static readonly Dictionary<string, string[]> RequiredByType = new(StringComparer.Ordinal)
    {
        ["identity"] = ["name"],
        ["intrusion-set"] = ["name"],
        ["threat-actor"] = ["name"],
        ["indicator"] = ["pattern", "pattern_type", "valid_from"],
        ["infrastructure"] = ["name"],
        ["observed-data"] = ["first_observed", "last_observed", "number_observed", "object_refs"],
        ["relationship"] = ["relationship_type", "source_ref", "target_ref"],
        ["report"] = ["name", "published", "object_refs"],
        ["ipv4-addr"] = ["value"],
        ["user-account"] = [],
    };

    [TestCase(true)]
    [TestCase(false)]
    public void ShouldGiveEveryStixObjectItsRequiredPropertiesAndReferenceOnlyBundleObjects(bool attributed)
    {
        var cluster = PackTestData.Large(300);
        var content = PackTestData.Content(attributed ? cluster : cluster with { Operator = null });
        var bundle = JsonDocument.Parse(StixBundle.Write(content, ClusterDrawing.Of(content.Cluster), "Provider")).RootElement;

        Assert.That(bundle.GetProperty("type").GetString(), Is.EqualTo("bundle"));
        Assert.That(StixId().IsMatch(bundle.GetProperty("id").GetString()!), Is.True);
        var objects = bundle.GetProperty("objects").EnumerateArray().ToList();
        var ids = objects.Select(o => o.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);
        Assert.That(ids, Has.Count.EqualTo(objects.Count), "ids are unique");
        foreach (var o in objects)
        {
            var type = o.GetProperty("type").GetString()!;
            var id = o.GetProperty("id").GetString()!;
            Assert.That(RequiredByType.ContainsKey(type), Is.True, type);
            Assert.That(StixId().IsMatch(id) && id.StartsWith(type + "--", StringComparison.Ordinal), Is.True, id);
            Assert.That(o.GetProperty("spec_version").GetString(), Is.EqualTo("2.1"));
            if (type is not ("ipv4-addr" or "user-account"))
            {
                Assert.That(Timestamp().IsMatch(o.GetProperty("created").GetString()!), Is.True, id);
                Assert.That(Timestamp().IsMatch(o.GetProperty("modified").GetString()!), Is.True, id);
            }

            foreach (var property in RequiredByType[type])
            {
                Assert.That(o.TryGetProperty(property, out _), Is.True, $"{type}.{property}");
            }

            foreach (var p in o.EnumerateObject())
            {
                var refs = p.Name.EndsWith("_refs", StringComparison.Ordinal) ? p.Value.EnumerateArray().Select(v => v.GetString()!).ToList()
                    : p.Name.EndsWith("_ref", StringComparison.Ordinal) ? [p.Value.GetString()!] : [];
                Assert.That(refs.Where(r => !ids.Contains(r)), Is.Empty, $"{id}.{p.Name}");
            }
        }

        Assert.That(objects.Count(o => o.GetProperty("type").GetString() == "indicator"), Is.EqualTo(attributed ? 3 : 0));
        var actors = objects.Where(o => o.GetProperty("type").GetString() == "threat-actor").Select(o => o.GetProperty("name").GetString()).ToList();
        Assert.That(actors, Is.EqualTo(attributed ? new[] { "Big Operator Ltd" } : Array.Empty<string>()));
        Assert.That(objects.Count(o => o.GetProperty("type").GetString() == "ipv4-addr"), Is.EqualTo(299));
        var report = objects.Single(o => o.GetProperty("type").GetString() == "report");
        Assert.That(report.GetProperty("object_refs").GetArrayLength(), Is.EqualTo(objects.Count - 1));
    }

    [TestCase("ip", "198.51.0.7", "[ipv4-addr:value = '198.51.0.7']")]
    [TestCase("cidr", "2001:db8::/32", "[ipv6-addr:value ISSUBSET '2001:db8::/32']")]
    [TestCase("asn", "64500", "[autonomous-system:number = 64500]")]
    [TestCase("org_name", "O'Brien \\ Co", "[x-distill-account:org_name = 'O\\'Brien \\\\ Co']")]
    public void ShouldWriteStixPatternsWithQuotedLiterals(string kind, string value, string pattern) =>
        Assert.That(StixBundle.Pattern(kind, value), Is.EqualTo(pattern));

    [Test]
    public void ShouldGiveTheSameIpTheStixNamespaceId()
    {
        // STIX 2.1 §2.9: UUIDv5 in the SCO namespace over the JCS of the contributing properties.
        Assert.That(StixIds.UuidV5(StixIds.StixNamespace, "{\"value\":\"198.51.100.3\"}").ToString()[14], Is.EqualTo('5'));
        var first = StixIds.Observable("ipv4-addr", "{\"value\":\"198.51.100.3\"}");
        Assert.That(StixIds.Observable("ipv4-addr", "{\"value\":\"198.51.100.3\"}"), Is.EqualTo(first));
        Assert.That(StixIds.Observable("ipv4-addr", "{\"value\":\"198.51.100.4\"}"), Is.Not.EqualTo(first));
    }

    [Test]
    public void ShouldRenderAPdfWhoseTextHoldsTheClusterAndTheOperator()
    {
        var content = PackTestData.Content(quality: null);
        var text = PdfText(content, out var pages);

        Assert.That(text, Does.Contain($"cluster {content.Cluster.Id}"));
        Assert.That(text, Does.Contain("Example Lab").And.Contain("op-a"));
        Assert.That(text, Does.Contain(content.Run.InputHash));
        Assert.That(text, Does.Contain("not measured for this version"));
        Assert.That(text, Does.Contain("Chain of custody"));
        Assert.That(text, Does.Contain("harvesting span (days)"), "the one-off event guard's feature is in the feature table");
        Assert.That(text, Does.Contain($"page 1 of {pages}").And.Contain($"page {pages} of {pages}"));
        var summary = text[..text.IndexOf("How the cluster was found", StringComparison.Ordinal)];
        Assert.That(summary, Does.Contain("Summary in plain language").And.Contain("Who").And.Contain("How sure").And.Contain("Why they are grouped"));
    }

    [Test]
    public void ShouldSayInThePdfAndStixWhenTheOperatorIsNamedThroughSharedInfrastructure()
    {
        var content = PackTestData.Content(quality: null);
        var tie = new InfrastructureTie("c-0042", "acct-1", 5, 204, ["ip:203.0.113.7", "payment:pf_0001"]);
        var cluster = content.Cluster with { Operator = content.Cluster.Operator! with { Indicators = [], IndependentKinds = 0, Through = tie } };
        var through = content with { Cluster = cluster };

        var text = Flat(PdfText(through, out _));
        Assert.That(text, Does.Contain("through shared infrastructure, not through indicators of their own"));
        Assert.That(text, Does.Contain("cluster c-0042").And.Contain("204 addresses and payment instruments").And.Contain("ip:203.0.113.7"));
        Assert.That(Flat(PdfText(content, out _)), Does.Not.Contain("through shared infrastructure"), "an indicator attribution reads as before");

        var bundle = JsonDocument.Parse(StixBundle.Write(through, ClusterDrawing.Of(cluster), "Provider")).RootElement;
        var actor = bundle.GetProperty("objects").EnumerateArray().Single(o => o.GetProperty("type").GetString() == "threat-actor");
        Assert.That(actor.GetProperty("description").GetString(), Does.Contain("through infrastructure shared with cluster c-0042"));
    }

    [Test]
    public void ShouldProduceAnMitPdfsharpPdfWhoseMetadataNamesNoAgpl()
    {
        var content = PackTestData.Content();
        var pdf = PdfReport.Write(content, ClusterDrawing.Of(content.Cluster));

        var raw = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.That(raw, Does.Contain("PDFsharp 6.2.4"));
        Assert.That(raw, Does.Not.Contain("AGPL").IgnoreCase);
        var version = typeof(PdfSharp.Pdf.PdfDocument).Assembly.GetName().Version!;
        Assert.That($"{version.Major}.{version.Minor}.{version.Build}", Is.EqualTo("6.2.4"));
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var nuspec = Path.Combine(packages, "pdfsharp", "6.2.4", "pdfsharp.nuspec");
        Assert.That(File.Exists(nuspec), Is.True, $"the restored package's nuspec at {nuspec}");
        var license = System.Xml.Linq.XDocument.Load(nuspec).Descendants().Single(e => e.Name.LocalName == "license");
        Assert.That((license.Attribute("type")?.Value, license.Value), Is.EqualTo(("expression", "MIT")));
    }

    [Test]
    public void ShouldEmbedEveryFontAndRenderEveryPageAtPrintResolution()
    {
        var content = PackTestData.ContentCitingEverything(PackTestData.Flagged);
        var dir = Directory.CreateTempSubdirectory("pdf-").FullName;
        try
        {
            var pdf = Path.Combine(dir, "report.pdf");
            File.WriteAllBytes(pdf, PdfReport.Write(content, ClusterDrawing.Of(content.Cluster)));
            if (!Run("pdffonts", $"\"{pdf}\"", out var fonts) || !Run("pdfinfo", $"\"{pdf}\"", out var info))
            {
                Assert.Ignore("poppler-utils (pdffonts, pdfinfo, pdftoppm) is not installed; CI installs it.");
                return;
            }

            var fontRows = fonts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
            Assert.That(fontRows, Is.Not.Empty);
            Assert.That(fontRows.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^5]), Is.All.EqualTo("yes"), fonts);
            var pages = int.Parse(Regex.Match(info, @"Pages:\s+(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(Run("pdftoppm", $"-r 300 -gray \"{pdf}\" \"{Path.Combine(dir, "page")}\"", out _), Is.True);
            var images = Directory.GetFiles(dir, "page*.pgm").Order(StringComparer.Ordinal).ToList();
            Assert.That(images, Has.Count.EqualTo(pages));
            foreach (var image in images)
            {
                var (width, height, dark) = Pgm(image);
                Assert.That(width, Is.InRange(2480, 2481), "A4 at 300 dpi");
                Assert.That(height, Is.InRange(3508, 3509), "A4 at 300 dpi");
                Assert.That(dark, Is.GreaterThan(2000), $"{Path.GetFileName(image)} has visible content");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void ShouldWrapLongCellsInsteadOfCuttingThem()
    {
        var cluster = PackTestData.Flagged;
        var longId = "acct-" + new string('x', 60) + "-END";
        var steps = cluster.Evidence!.Steps.Select((s, i) => i == 1 ? s with { Member = longId } : s).ToList();
        var content = PackTestData.Content(cluster with { Evidence = cluster.Evidence with { Steps = steps } });

        var text = PdfText(content, out _);

        // The cell wraps inside the id (the text extraction interleaves the other columns' lines between its pieces).
        var flat = Regex.Replace(text, @"\s+", "");
        Assert.That(flat, Does.Contain("acct-xxxxxxxx").And.Contain("xxxx-END"), "the start and the end of the long id are both on the page");
        Assert.That(text, Does.Not.Contain("…"), "nothing is cut");
    }

    [Test]
    public void ShouldKeyEveryNodeOfTheDrawingAndDrawTheLegendsColours()
    {
        var content = PackTestData.Content();
        var drawing = ClusterDrawing.Of(content.Cluster);
        var text = PdfText(content, out _);

        var key = text[text.IndexOf("Key to the drawing", StringComparison.Ordinal)..];
        for (var i = 0; i < drawing.Members.Length; i++)
        {
            Assert.That(key, Does.Contain(ClusterDrawing.MemberKey(i)).And.Contain(drawing.Members[i]));
        }

        for (var i = 0; i < drawing.Values.Length; i++)
        {
            Assert.That(key, Does.Contain(ClusterDrawing.ValueKey(i)));
        }

        Assert.That(drawing.ForceLayout, Is.True);
        var positions = Enumerable.Range(0, drawing.Members.Length).Select(drawing.MemberAt).ToList();
        Assert.That(positions.All(p => p.X is >= 0 and <= 1 && p.Y is >= 0 and <= 1), Is.True);
        Assert.That(positions.Distinct().Count(), Is.EqualTo(positions.Count), "no two members on the same spot");
        Assert.That(ClusterDrawing.Of(content.Cluster).MemberAt(3), Is.EqualTo(drawing.MemberAt(3)), "deterministic");
        var svg = System.Text.Encoding.UTF8.GetString(GraphSvg.Write(drawing, "t"));
        var fills = Regex.Matches(svg, "<circle [^>]*fill=\"(#[0-9a-f]{6})\"").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.That(fills, Is.SubsetOf(new[] { PackColours.MemberHex, PackColours.MatchedHex }));
    }

    [Test]
    public void ShouldShowTheWholeActivityWindowByModelWithReleaseDates()
    {
        var t = PackTestData.Now;
        var activity = new ClusterActivity(39485, t.AddDays(-60), t.AddDays(-2),
        [
            new ModelActivity("m-1", 30000, t.AddDays(-60), t.AddDays(-2), t.AddDays(-400)),
            new ModelActivity("m-new", 9485, t.AddDays(-20).AddHours(12), t.AddDays(-2), t.AddDays(-20)),
        ],
        [new CapabilityActivity("reasoning_cot", 39000), new CapabilityActivity("(none)", 485)]);
        var content = PackTestData.Content() with { Activity = activity };

        var text = Flat(PdfText(content, out _));

        Assert.That(text, Does.Contain("39485 requests from " + PackText.Time(t.AddDays(-60)) + " to " + PackText.Time(t.AddDays(-2))));
        Assert.That(text, Does.Contain("m-new").And.Contain(t.AddDays(-20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(text, Does.Contain(" 0.5 "), "days from release to the first request");
        Assert.That(text, Does.Contain("started using m-new within two days of its release"));
    }

    [Test]
    public void ShouldSayNotMeasuredForThisVersionWhenTheEvaluationIsOfAnotherVersion()
    {
        var run = PackTestData.Run;
        var other = Quality(run) with { ParametersHash = "another-version" };

        var text = Flat(PdfText(PackTestData.Content(quality: other), out _));

        Assert.That(text, Does.Contain("not measured for this version"));
        Assert.That(text, Does.Not.Contain("0.97").And.Not.Contain("precision 0.9"));
    }

    [Test]
    public void ShouldNotQuoteAnEvaluationOnDataThatWasNotHeldOutAsAnErrorRate()
    {
        var tuned = Quality(PackTestData.Run) with { HeldOut = false };

        var text = Flat(PdfText(PackTestData.Content(quality: tuned), out _));

        Assert.That(text, Does.Contain("not measured for this version on held-out data").And.Contain("not declared held out"));
        Assert.That(text, Does.Not.Contain("0.97"));
    }

    [Test]
    public void ShouldQuoteAHeldOutSyntheticEvaluationWithCountsAndWilsonIntervals()
    {
        var text = Flat(PdfText(PackTestData.Content(quality: Quality(PackTestData.Run)), out _));

        // 100 flagged, 3 legitimate: 97 of 100 (Wilson 0.915–0.99); recall 97 of 110.
        Assert.That(text, Does.Contain("synthetic (generated) data, held out from tuning: generator seed 11 (held out)"));
        Assert.That(text, Does.Contain("precision 0.97 (95 % interval 0.915–0.99): 97 of the 100 accounts it flagged were campaign accounts"));
        Assert.That(text, Does.Contain("recall 0.882 (95 % interval 0.808–0.93)"));
        Assert.That(text, Does.Contain("It is not the error rate on real accounts"));
    }

    [Test]
    public void ShouldQuoteInvestigatorVerdictsOfThisVersionAsARealWorldPrecisionEstimate()
    {
        var run = PackTestData.Run;
        var content = PackTestData.Content() with { Verdicts = new VerdictCounts(run.CodeVersion, run.ParametersHash, 9, 1, 2) };

        var text = Flat(PdfText(content, out _));

        Assert.That(text, Does.Contain("9 confirmed, 1 dismissed (2 more await review), a real-world precision estimate of 0.9 per cluster (95 % interval 0.596–0.982)"));
    }

    private static DetectorQuality Quality(DetectionRun run) =>
        new(0.97, 97.0 / 110, 0.92, "account-level precision and recall", "quality.json", 0.95, 3)
        {
            DataSource = "generator seed 11 (held out)",
            HeldOut = true,
            Synthetic = true,
            CodeVersion = run.CodeVersion,
            ParametersHash = run.ParametersHash,
            FlaggedAccounts = 100,
            FraudAccounts = 110,
            TruthAccounts = 1000,
        };

    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    private static string PdfText(EvidencePackContent content, out int pages)
    {
        var dir = Directory.CreateTempSubdirectory("pdf-").FullName;
        try
        {
            var pdf = Path.Combine(dir, "report.pdf");
            File.WriteAllBytes(pdf, PdfReport.Write(content, ClusterDrawing.Of(content.Cluster)));
            if (!Run("pdftotext", $"-layout \"{pdf}\" -", out var text) || !Run("pdfinfo", $"\"{pdf}\"", out var info))
            {
                Assert.Ignore("pdftotext (poppler-utils) is not installed; CI installs it.");
                pages = 0;
                return "";
            }

            pages = int.Parse(Regex.Match(info, @"Pages:\s+(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return text;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Width, height and the number of dark pixels (value below 128) of a binary PGM (P5) file.</summary>
    private static (int Width, int Height, int Dark) Pgm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var fields = new List<int>();
        var i = 2;
        while (fields.Count < 3)
        {
            while (char.IsWhiteSpace((char)bytes[i]))
            {
                i++;
            }

            var start = i;
            while (!char.IsWhiteSpace((char)bytes[i]))
            {
                i++;
            }

            fields.Add(int.Parse(System.Text.Encoding.ASCII.GetString(bytes, start, i - start), System.Globalization.CultureInfo.InvariantCulture));
        }

        i++;
        var dark = 0;
        for (; i < bytes.Length; i++)
        {
            if (bytes[i] < 128)
            {
                dark++;
            }
        }

        return (fields[0], fields[1], dark);
    }

    private static bool Run(string tool, string arguments, out string output)
    {
        output = "";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
            output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex StixId();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex Timestamp();
}
