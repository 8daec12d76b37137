using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Distill.Attribution.Cli.Tests;

/// <summary>
/// Checks what the program writes against the machine-readable contract in docs/schemas/: generate's CSV
/// headers and rows, the clusters export, stats --json and the rejects report.
/// </summary>
public sealed class DataContractTests
{
    private static readonly string Schemas = Path.Combine(FindRepoRoot(), "docs", "schemas");

    [Test]
    public async Task ShouldWriteGeneratedCsvHeadersInTheContractOrder()
    {
        await GeneratedDataSet.EnsureAsync();
        var headers = ReadJson("csv-headers.json").GetProperty("recordTypes");
        var files = Directory.GetFiles(GeneratedDataSet.Input, "*.csv");
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var kind = Stem(file);
            kinds.Add(kind);
            var expected = headers.GetProperty(kind).GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToArray();
            Assert.That(FirstLine(file).Split(','), Is.EqualTo(expected), file);
        }

        Assert.That(kinds, Is.EquivalentTo(headers.EnumerateObject().Select(p => p.Name)));
        var truth = ReadJson("csv-headers.json").GetProperty("truth").GetProperty("columns").EnumerateArray().Select(c => c.GetString());
        Assert.That(FirstLine(GeneratedDataSet.Truth).Split(','), Is.EqualTo(truth));
    }

    [Test]
    public async Task ShouldRejectAFileMissingEachRequiredColumnTheContractLists()
    {
        // One file per (type, required column), each without that column: ingest must name exactly it.
        using var dir = new TempDirectory();
        var input = Directory.CreateDirectory(dir.File("input")).FullName;
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in ReadJson("csv-headers.json").GetProperty("recordTypes").EnumerateObject())
        {
            var columns = type.Value.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
            foreach (var required in type.Value.GetProperty("required").EnumerateArray().Select(c => c.GetString()!))
            {
                var path = Path.Combine(input, $"{type.Name}-without-{required.Replace('_', 'x')}.csv");
                File.WriteAllText(path, string.Join(',', columns.Where(c => c != required)) + "\n");
                expected[path] = required;
            }
        }

        var rejects = dir.File("rejects.jsonl");
        var ingest = await DistillProcess.RunAsync("ingest", "--store", dir.File("store.db"), "--rejects", rejects, input);
        Assert.That(ingest.ExitCode, Is.EqualTo(1), ingest.ToString());
        var lines = ValidateRejects(rejects);
        var byFile = lines.ToDictionary(l => Path.GetFullPath(l["file"]!.GetValue<string>()), l => l["field"]?.GetValue<string>());
        Assert.That(byFile, Is.EquivalentTo(expected.ToDictionary(e => Path.GetFullPath(e.Key), e => (string?)e.Value)));
    }

    [Test]
    public async Task ShouldMatchTheRecordSchemaForGeneratedRowsAndIngestThemAsJsonLines()
    {
        await GeneratedDataSet.EnsureAsync();
        var records = ReadSchema("records.schema.json", out var recordsText);
        using var dir = new TempDirectory();
        var input = Directory.CreateDirectory(dir.File("input")).FullName;
        var total = 0;
        foreach (var file in Directory.GetFiles(GeneratedDataSet.Input, "*.csv"))
        {
            var kind = Stem(file);
            var schema = SubSchema(recordsText, kind);
            using var reader = new StreamReader(file);
            var header = reader.ReadLine()!.Split(',');
            var jsonl = new StringBuilder();
            for (var i = 0; i < 300 && reader.ReadLine() is { } line; i++)
            {
                var fields = SplitCsv(line);
                Assert.That(fields, Has.Count.EqualTo(header.Length), $"{file}: {i + 2}");
                var obj = new JsonObject();
                for (var c = 0; c < header.Length; c++)
                {
                    obj[header[c]] = fields[c].Length == 0 ? null : JsonValue.Create(fields[c]);
                }

                AssertValid(schema, obj, $"{kind} row {i + 2}");
                jsonl.Append(obj.ToJsonString()).Append('\n');
                total++;
            }

            File.WriteAllText(Path.Combine(input, kind + ".jsonl"), jsonl.ToString());
        }

        Assert.That(records, Is.Not.Null);
        Assert.That(total, Is.GreaterThan(300));
        // The same rows as JSON Lines ingest without a single reject: schema and validators agree on valid rows.
        var rejects = dir.File("rejects.jsonl");
        var ingest = await DistillProcess.RunAsync("ingest", "--store", dir.File("store.db"), "--rejects", rejects, input);
        Assert.That(ingest.ExitCode, Is.Zero, ingest.ToString());
        Assert.That(File.ReadAllText(rejects), Is.Empty);
    }

    [Test]
    public void ShouldRejectByTheRecordSchemaWhatIngestRejects()
    {
        // The schema must not be so loose that it cannot fail.
        var schema = SubSchema(File.ReadAllText(Path.Combine(Schemas, "records.schema.json")), "accounts");
        var good = JsonNode.Parse("""{"account_id":"a-1","created_at":"2026-01-05T13:04:11Z","access_pathway":"education"}""")!;
        AssertValid(schema, good, "good account");
        foreach (var bad in new[]
        {
            """{"account_id":"a-1","created_at":"2026-01-05T13:04:11","access_pathway":"education"}""",
            """{"account_id":"a-1","created_at":"2026-01-05T13:04:11Z","access_pathway":"school"}""",
            """{"account_id":"","created_at":"2026-01-05T13:04:11Z","access_pathway":"education"}""",
            """{"created_at":"2026-01-05T13:04:11Z","access_pathway":"education"}""",
            """{"account_id":"a-1","created_at":"2026-01-05T13:04:11Z","access_pathway":"education","country":"FRA"}""",
        })
        {
            Assert.That(schema.Evaluate(JsonDocument.Parse(bad).RootElement).IsValid, Is.False, bad);
        }
    }

    [Test]
    public async Task ShouldMatchTheExportAndStatsSchemas()
    {
        using var dir = new TempDirectory();
        var store = await GeneratedDataSet.CopyCleanStoreAsync(dir);
        var detect = await DistillProcess.RunAsync("detect", "--store", store, "--top", "0");
        Assert.That(detect.ExitCode, Is.Zero, detect.ToString());
        var path = dir.File("clusters.json");
        var export = await DistillProcess.RunAsync("export-clusters", "--out", path, "--store", store);
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        var document = JsonNode.Parse(File.ReadAllText(path))!;
        AssertValid(ReadSchema("clusters-export.schema.json", out _), document, "clusters export");
        Assert.That(document["contractVersion"]!.GetValue<int>(), Is.EqualTo(Domain.Records.DataContract.Version));
        Assert.That(document["clusters"]!.AsArray(), Is.Not.Empty);

        var stats = await DistillProcess.RunAsync("stats", "--json", "--store", store);
        Assert.That(stats.ExitCode, Is.Zero, stats.ToString());
        var statsJson = JsonNode.Parse(stats.Output.Trim())!;
        AssertValid(ReadSchema("stats.schema.json", out _), statsJson, "stats");
        Assert.That(statsJson["runs"]!.GetValue<long>(), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldWriteRejectsThatMatchTheSchemaAndNeverEchoACardNumber()
    {
        using var dir = new TempDirectory();
        var input = Directory.CreateDirectory(dir.File("input")).FullName;
        const string card = "4111 1111 1111 1111";
        File.WriteAllText(Path.Combine(input, "accounts.csv"), "account_id,created_at,access_pathway\na-1,2026-01-05T13:04:11Z,education\na-2,2026-01-05T13:04:11,education\na-3,2026-01-05T13:04:11Z,school\n");
        File.WriteAllText(Path.Combine(input, "payments.csv"), $"account_id,instrument_fingerprint,first_seen\na-1,{card},2026-01-05T13:04:11Z\na-1,tok-1,2026-01-05T13:04:11Z\n");
        File.WriteAllText(Path.Combine(input, "sessions.jsonl"), "{\"account_id\":\"a-1\",\"ip\":\"010.1.1.1\",\"seen_at\":\"2026-01-05T13:04:11Z\"}\nnot json\n");
        var rejects = dir.File("rejects.jsonl");
        var ingest = await DistillProcess.RunAsync("ingest", "--store", dir.File("store.db"), "--rejects", rejects, input);
        Assert.That(ingest.ExitCode, Is.EqualTo(1), ingest.ToString());
        var lines = ValidateRejects(rejects);
        Assert.That(lines.Select(l => (Stem(l["file"]!.GetValue<string>()), l["line"]!.GetValue<long>(), l["field"]?.GetValue<string>())), Is.EquivalentTo(new (string, long, string?)[]
        {
            ("accounts", 3, "created_at"), ("accounts", 4, "access_pathway"),
            ("payments", 2, "instrument_fingerprint"),
            ("sessions", 1, "ip"), ("sessions", 2, null),
        }));
        var text = File.ReadAllText(rejects);
        Assert.That(text, Does.Not.Contain("4111"));
    }

    private static List<JsonNode> ValidateRejects(string path)
    {
        var schema = ReadSchema("rejects-report.schema.json", out _);
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).ToList();
        foreach (var line in lines)
        {
            AssertValid(schema, line, line.ToJsonString());
        }

        return lines;
    }

    private static void AssertValid(JsonSchema schema, JsonNode node, string what)
    {
        var result = schema.Evaluate(JsonDocument.Parse(node.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? []).Where(d => d.Errors is not null)
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"));
            Assert.Fail($"{what} does not match {schema.BaseUri}:\n{string.Join('\n', errors.Take(10))}");
        }
    }

    /// <summary>A schema that is the record schema's <c>$defs/kind</c>, with the other definitions in reach.</summary>
    private static JsonSchema SubSchema(string recordsText, string kind)
    {
        var root = JsonNode.Parse(recordsText)!.AsObject();
        root["$id"] = $"https://distill-attribution.invalid/schemas/records-{kind}.schema.json";
        root["$ref"] = $"#/$defs/{kind}";
        return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    private static JsonSchema ReadSchema(string name, out string text)
    {
        text = File.ReadAllText(Path.Combine(Schemas, name));
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    private static JsonElement ReadJson(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Schemas, name))).RootElement;

    private static string Stem(string path)
    {
        var name = Path.GetFileName(path);
        var end = name.IndexOfAny(['.', '-']);
        return end < 0 ? name : name[..end];
    }

    private static string FirstLine(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine() ?? string.Empty;
    }

    /// <summary>RFC 4180 fields of one physical line (the generator writes no line breaks inside fields).</summary>
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Distill.Attribution.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Distill.Attribution.sln not found above " + AppContext.BaseDirectory);
    }
}
