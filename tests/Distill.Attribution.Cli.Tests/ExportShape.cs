using System.Text.Json;

namespace Distill.Attribution.Cli.Tests;

/// <summary>Checks an export-clusters document against the contract (docs/data-contract.md, "The clusters export").</summary>
internal static class ExportShape
{
    /// <summary>Asserts the contract's shape; returns the number of clusters.</summary>
    public static int Validate(JsonElement root, IReadOnlySet<string> knownAccounts)
    {
        Assert.That(root.GetProperty("runId").GetString(), Does.Match("^run-[0-9]{4,}$"));
        var createdAt = root.GetProperty("createdAt").GetString();
        Assert.That(createdAt, Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var cluster in root.GetProperty("clusters").EnumerateArray())
        {
            count++;
            var id = cluster.GetProperty("id").GetString();
            Assert.That(id, Is.Not.Null.And.Not.Empty);
            Assert.That(ids.Add(id!), Is.True, $"cluster id {id} twice");
            var members = cluster.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToList();
            Assert.That(members, Is.Not.Empty, id);
            foreach (var m in members)
            {
                Assert.That(seen.Add(m), Is.True, $"account {m} is in more than one cluster");
                Assert.That(knownAccounts, Does.Contain(m));
            }

            Assert.That(cluster.GetProperty("riskScore").GetDouble(), Is.InRange(0.0, 1.0), id);
            Assert.That(cluster.GetProperty("flagged").ValueKind, Is.EqualTo(JsonValueKind.True).Or.EqualTo(JsonValueKind.False), id);
            var op = cluster.GetProperty("operator");
            if (op.ValueKind != JsonValueKind.Null)
            {
                Assert.That(op.ValueKind, Is.EqualTo(JsonValueKind.Object), id);
                Assert.That(op.GetProperty("id").GetString(), Is.Not.Null.And.Not.Empty, id);
                Assert.That(op.GetProperty("name").ValueKind, Is.EqualTo(JsonValueKind.String).Or.EqualTo(JsonValueKind.Null), id);
                Assert.That(op.GetProperty("confidence").GetDouble(), Is.InRange(0.0, 1.0), id);
                Assert.That(cluster.GetProperty("flagged").GetBoolean(), Is.True, $"{id} is attributed but not flagged");
            }
        }

        return count;
    }
}
