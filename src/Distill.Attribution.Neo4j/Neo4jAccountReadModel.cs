using System.Globalization;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Accounts;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Lookup;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Infrastructure.Accounts;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// The investigator's read model over a Neo4j store: the same answers as the SQLite read model (same
/// orders, same aggregation rules), computed from the graph with the statements under
/// <c>cypher/queries/</c> (and the projection's payment and session statements). Where SQLite reads
/// per-account aggregate tables kept at ingest, these statements aggregate the request nodes at query time.
/// Lists of accounts travel as one <c>$accountIds</c> parameter per slice of <see cref="Neo4jOptions.BatchSize"/>.
/// </summary>
public sealed class Neo4jAccountReadModel : IAccountReadModel
{
    private const int SharedLimit = 50;

    private readonly QueryApiClient client;
    private readonly CypherScripts cypher;
    private readonly int batchSize;

    internal Neo4jAccountReadModel(QueryApiClient client, CypherScripts cypher)
    {
        this.client = client;
        this.cypher = cypher;
        batchSize = client.Options.BatchSize;
    }

    public async Task<IReadOnlyDictionary<string, AccountDetails>> GetAccountsAsync(IReadOnlyCollection<string> accountIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        var builders = new Dictionary<string, AccountDetailsBuilder>(StringComparer.Ordinal);
        foreach (var slice in Slices(accountIds))
        {
            var ids = Parameters.Of(("accountIds", slice));
            var profiles = await client.RunAsync(cypher[CypherFiles.GetAccountProfiles], ids, ct);
            var c = Columns(profiles, "accountId", "createdAtMs", "emailDomain", "orgName", "accessPathway", "country", "status");
            foreach (var row in profiles.Rows)
            {
                var b = Get(builders, Values.AsString(row[c[0]]));
                b.CreatedAt = Time(Values.AsNullableLong(row[c[1]]));
                b.EmailDomain = Values.AsNullableString(row[c[2]]);
                b.OrgName = Values.AsNullableString(row[c[3]]);
                b.Pathway = Values.AsNullableString(row[c[4]]);
                b.Country = Values.AsNullableString(row[c[5]]);
                b.Status = Values.AsNullableString(row[c[6]]);
            }

            var payments = await client.RunAsync(cypher[CypherFiles.ProjectPayments], ids, ct);
            c = Columns(payments, "accountId", "instrument", "kind", "bin", "issuerCountry", "firstSeenMs");
            foreach (var row in payments.Rows)
            {
                Get(builders, Values.AsString(row[c[0]])).Payments.Add(new AccountPayment(
                    Values.AsString(row[c[1]]),
                    Values.AsNullableString(row[c[2]]),
                    Values.AsNullableString(row[c[3]]),
                    Values.AsNullableString(row[c[4]]),
                    DateTimeOffset.FromUnixTimeMilliseconds(Values.AsLong(row[c[5]]))));
            }

            var sessions = await client.RunAsync(cypher[CypherFiles.ProjectSessions], ids, ct);
            c = Columns(sessions, "accountId", "ip", "seenAtMs", "asn", "asnOrg", "ipType");
            foreach (var row in sessions.Rows)
            {
                Get(builders, Values.AsString(row[c[0]])).AddSession(
                    Values.AsString(row[c[1]]),
                    Values.AsLong(row[c[2]]),
                    Values.AsNullableLong(row[c[3]]),
                    Values.AsNullableString(row[c[4]]),
                    Values.AsNullableString(row[c[5]]) is { } type && ContractNames.TryParse(type, out IpType ipType) ? ipType : null);
            }

            var totals = await client.RunAsync(cypher[CypherFiles.GetRequestTotals], ids, ct);
            c = Columns(totals, "accountId", "requests", "inputTokens", "outputTokens", "firstMs", "lastMs");
            foreach (var row in totals.Rows)
            {
                var b = Get(builders, Values.AsString(row[c[0]]));
                b.Requests = Values.AsLong(row[c[1]]);
                b.InputTokens = Values.AsLong(row[c[2]]);
                b.OutputTokens = Values.AsLong(row[c[3]]);
                b.First = Time(Values.AsNullableLong(row[c[4]]));
                b.Last = Time(Values.AsNullableLong(row[c[5]]));
            }

            var breakdown = await client.RunAsync(cypher[CypherFiles.GetRequestBreakdown], ids, ct);
            c = Columns(breakdown, "accountId", "dimension", "value", "requests");
            foreach (var row in breakdown.Rows)
            {
                var b = Get(builders, Values.AsString(row[c[0]]));
                var value = Values.AsString(row[c[2]]);
                var count = Values.AsLong(row[c[3]]);
                switch (Values.AsString(row[c[1]]))
                {
                    case "model":
                        b.ByModel.Add(new NamedCount(value, count));
                        break;
                    case "capability":
                        b.ByCapability.Add(new NamedCount(value, count));
                        break;
                    case "ip":
                        b.AddIpRequests(value, count);
                        break;
                    default:
                        throw new Neo4jException(Neo4jException.ProtocolCode, "GetRequestBreakdown returned an unknown dimension.");
                }
            }
        }

        var result = new Dictionary<string, AccountDetails>(builders.Count, StringComparer.Ordinal);
        foreach (var b in builders.Values)
        {
            result[b.Id] = b.Build();
        }

        return result;
    }

    public async Task<IReadOnlyList<string>> FindAccountsAsync(LookupKind kind, string value, int limit, CancellationToken ct)
    {
        var file = kind switch
        {
            LookupKind.Ip => CypherFiles.FindAccountsByIp,
            LookupKind.PaymentFingerprint => CypherFiles.FindAccountsByInstrument,
            LookupKind.EmailDomain => CypherFiles.FindAccountsByEmailDomain,
            LookupKind.Client => CypherFiles.FindAccountsByClient,
            LookupKind.PromptFingerprint => CypherFiles.FindAccountsByPromptFingerprint,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown look-up kind."),
        };
        var result = await client.RunAsync(cypher[file], Parameters.Of(("value", value), ("limit", limit)), ct);
        var c = Columns(result, "accountId");
        var ids = new List<string>(result.Rows.Count);
        foreach (var row in result.Rows)
        {
            ids.Add(Values.AsString(row[c[0]]));
        }

        return ids;
    }

    public async Task<IReadOnlyDictionary<string, (long First, long Last)>> GetActivitySpansAsync(CancellationToken ct)
    {
        var result = await client.RunAsync(cypher[CypherFiles.GetActivitySpans], null, ct);
        var c = Columns(result, "accountId", "firstMs", "lastMs");
        var spans = new Dictionary<string, (long, long)>(result.Rows.Count, StringComparer.Ordinal);
        foreach (var row in result.Rows)
        {
            spans[Values.AsString(row[c[0]])] = (Values.AsLong(row[c[1]]), Values.AsLong(row[c[2]]));
        }

        return spans;
    }

    public async Task<IReadOnlyList<ActivityBucket>> GetActivityAsync(IReadOnlyCollection<string> accountIds, ActivityGranularity granularity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        var bucketMs = granularity == ActivityGranularity.Hour ? 3_600_000L : 86_400_000L;
        // Slices may share a bucket: counts are summed per (bucket, model, capability) before sorting.
        var counts = new Dictionary<(long Bucket, string Model, string? Capability), long>();
        foreach (var slice in Slices(accountIds))
        {
            var result = await client.RunAsync(cypher[CypherFiles.GetActivity], Parameters.Of(("accountIds", slice), ("bucketMs", bucketMs)), ct);
            var c = Columns(result, "bucketMs", "model", "capability", "requests");
            foreach (var row in result.Rows)
            {
                var key = (Values.AsLong(row[c[0]]), Values.AsString(row[c[1]]), Values.AsNullableString(row[c[2]]));
                counts[key] = counts.GetValueOrDefault(key) + Values.AsLong(row[c[3]]);
            }
        }

        var buckets = new List<ActivityBucket>(counts.Count);
        foreach (var ((bucket, model, capability), n) in counts)
        {
            buckets.Add(new ActivityBucket(DateTimeOffset.FromUnixTimeMilliseconds(bucket), model, capability, n));
        }

        // The embedded store's order: bucket, model, then capability with "none" first (SQLite sorts NULL first).
        buckets.Sort(static (x, y) =>
        {
            var byTime = x.Start.CompareTo(y.Start);
            if (byTime != 0)
            {
                return byTime;
            }

            var byModel = string.CompareOrdinal(x.Model, y.Model);
            return byModel != 0 ? byModel : string.CompareOrdinal(x.Capability, y.Capability);
        });
        return buckets;
    }

    public async Task<IReadOnlyList<SharedResource>> GetSharedInfrastructureAsync(IReadOnlyCollection<string> accountIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        // One statement per kind over the whole set: "used by at least two" cannot be decided per slice.
        var ids = Parameters.Of(("accountIds", accountIds.Distinct(StringComparer.Ordinal).ToArray()));
        var list = new List<SharedResource>();
        var instruments = await client.RunAsync(cypher[CypherFiles.GetSharedInstruments], ids, ct);
        var c = Columns(instruments, "value", "inside", "outside");
        foreach (var row in Top(instruments))
        {
            list.Add(new SharedResource("PAYMENT_FINGERPRINT", Values.AsString(row[c[0]]), null, Count(row[c[1]]), Count(row[c[2]])));
        }

        var ips = await client.RunAsync(cypher[CypherFiles.GetSharedIps], ids, ct);
        c = Columns(ips, "value", "inside", "outside");
        foreach (var row in Top(ips))
        {
            list.Add(new SharedResource("IP", Values.AsString(row[c[0]]), null, Count(row[c[1]]), Count(row[c[2]])));
        }

        var asns = await client.RunAsync(cypher[CypherFiles.GetSharedAsns], ids, ct);
        c = Columns(asns, "asn", "asnOrg", "inside", "outside");
        foreach (var row in Top(asns))
        {
            list.Add(new SharedResource("ASN", Values.AsLong(row[c[0]]).ToString(CultureInfo.InvariantCulture), Values.AsNullableString(row[c[1]]), Count(row[c[2]]), Count(row[c[3]])));
        }

        return list;
    }

    /// <summary>Column indexes by name, looked up once per answer (an empty answer may carry no fields).</summary>
    internal static int[] Columns(QueryResult result, params string[] names)
    {
        var indexes = new int[names.Length];
        if (result.Rows.Count > 0)
        {
            for (var i = 0; i < names.Length; i++)
            {
                indexes[i] = result.Column(names[i]);
            }
        }

        return indexes;
    }

    private static IEnumerable<object?[]> Top(QueryResult result) => result.Rows.Take(SharedLimit);

    private static int Count(object? value) => checked((int)Values.AsLong(value));

    private static DateTimeOffset? Time(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    private static AccountDetailsBuilder Get(Dictionary<string, AccountDetailsBuilder> builders, string id)
    {
        if (!builders.TryGetValue(id, out var b))
        {
            b = new AccountDetailsBuilder(id);
            builders[id] = b;
        }

        return b;
    }

    private IEnumerable<string[]> Slices(IReadOnlyCollection<string> accountIds)
    {
        var ids = accountIds.Distinct(StringComparer.Ordinal).ToArray();
        for (var start = 0; start < ids.Length; start += batchSize)
        {
            yield return ids[start..Math.Min(start + batchSize, ids.Length)];
        }
    }
}
