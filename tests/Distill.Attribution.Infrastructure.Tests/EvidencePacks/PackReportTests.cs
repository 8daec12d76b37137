using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Infrastructure.EvidencePacks;

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
        var dir = Directory.CreateTempSubdirectory("pdf-").FullName;
        try
        {
            var content = PackTestData.Content(quality: null);
            var pdf = Path.Combine(dir, "report.pdf");
            File.WriteAllBytes(pdf, PdfReport.Write(content, ClusterDrawing.Of(content.Cluster)));
            if (!Run("pdftoppm", $"-png -r 40 \"{pdf}\" \"{Path.Combine(dir, "page")}\"", out _) || !Run("pdftotext", $"\"{pdf}\" -", out var text))
            {
                Assert.Ignore("poppler-utils (pdftoppm, pdftotext) is not installed; CI installs it.");
                return;
            }

            Assert.That(Directory.GetFiles(dir, "page*.png"), Is.Not.Empty);
            Assert.That(text, Does.Contain($"cluster {content.Cluster.Id}"));
            Assert.That(text, Does.Contain("Example Lab").And.Contain("op-a"));
            Assert.That(text, Does.Contain(content.Run.InputHash));
            Assert.That(text, Does.Contain("Not measured"));
            Assert.That(text, Does.Contain("Chain of custody"));
            Assert.That(text, Does.Contain("harvesting span (days)"), "the one-off event guard's feature is in the feature table");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void ShouldShowTheMeasuredErrorRateWhenThereIsOne()
    {
        var content = PackTestData.Content(quality: new DetectorQuality(0.97, 0.88, null, "labelled synthetic set, scale 0.1", "quality.json"));
        var dir = Directory.CreateTempSubdirectory("pdf-").FullName;
        try
        {
            var pdf = Path.Combine(dir, "report.pdf");
            File.WriteAllBytes(pdf, PdfReport.Write(content, ClusterDrawing.Of(content.Cluster)));
            if (!Run("pdftotext", $"\"{pdf}\" -", out var text))
            {
                Assert.Ignore("pdftotext (poppler-utils) is not installed; CI installs it.");
                return;
            }

            Assert.That(text, Does.Contain("Precision 0.97, recall 0.88").And.Not.Contain("Not measured"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
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
