using System.Text.Json;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// Reads cited records back from a Neo4j store in their contract form (the statements under
/// <c>cypher/queries/Sources/</c>), for evidence packs: contract names back into enums, Unix milliseconds
/// into UTC times. Keys travel in slices of <see cref="Neo4jOptions.BatchSize"/>; the answer lists each
/// kind in the order the request asked for it (sessions of one pair by time), as the SQLite reader does.
/// </summary>
public sealed class Neo4jSourceRecordReader : ISourceRecordReader
{
    private readonly QueryApiClient client;
    private readonly CypherScripts cypher;
    private readonly int batchSize;

    internal Neo4jSourceRecordReader(QueryApiClient client, CypherScripts cypher)
    {
        this.client = client;
        this.cypher = cypher;
        batchSize = client.Options.BatchSize;
    }

    public async Task<SourceRecords> ReadAsync(SourceRecordRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accounts = new Dictionary<string, AccountRecord>(StringComparer.Ordinal);
        for (var start = 0; start < request.Accounts.Count; start += batchSize)
        {
            var slice = Slice(request.Accounts, start);
            var result = await client.RunAsync(cypher[CypherFiles.GetAccountRecords], Parameters.Of(("accountIds", slice)), ct);
            var c = Neo4jAccountReadModel.Columns(result, "accountId", "createdAtMs", "emailDomain", "emailHash", "displayName", "orgName", "accessPathway", "country", "status");
            foreach (var row in result.Rows)
            {
                var id = Values.AsString(row[c[0]]);
                accounts[id] = new AccountRecord(
                    id,
                    Time(Values.AsLong(row[c[1]])),
                    Values.AsNullableString(row[c[2]]),
                    Values.AsNullableString(row[c[3]]),
                    Values.AsNullableString(row[c[4]]),
                    Values.AsNullableString(row[c[5]]),
                    ParsePathway(Values.AsNullableString(row[c[6]])),
                    Values.AsNullableString(row[c[7]]),
                    ParseStatus(Values.AsNullableString(row[c[8]])));
            }
        }

        var payments = new Dictionary<(string, string), PaymentRecord>();
        for (var start = 0; start < request.Payments.Count; start += batchSize)
        {
            var pairs = new PairsParameter(Slice(request.Payments, start), "instrument");
            var result = await client.RunAsync(cypher[CypherFiles.GetPaymentRecords], Parameters.Of(("pairs", pairs)), ct);
            var c = Neo4jAccountReadModel.Columns(result, "accountId", "instrument", "kind", "bin", "issuerCountry", "firstSeenMs");
            foreach (var row in result.Rows)
            {
                var account = Values.AsString(row[c[0]]);
                var instrument = Values.AsString(row[c[1]]);
                payments[(account, instrument)] = new PaymentRecord(account, instrument, ParsePaymentKind(Values.AsNullableString(row[c[2]])),
                    Values.AsNullableString(row[c[3]]), Values.AsNullableString(row[c[4]]), Time(Values.AsLong(row[c[5]])));
            }
        }

        var sessions = new Dictionary<(string, string), List<SessionRecord>>();
        for (var start = 0; start < request.Sessions.Count; start += batchSize)
        {
            var pairs = new PairsParameter(Slice(request.Sessions, start), "ip");
            var result = await client.RunAsync(cypher[CypherFiles.GetSessionRecords], Parameters.Of(("pairs", pairs)), ct);
            var c = Neo4jAccountReadModel.Columns(result, "accountId", "ip", "seenAtMs", "asn", "asnOrg", "ipType");
            foreach (var row in result.Rows)
            {
                var key = (Values.AsString(row[c[0]]), Values.AsString(row[c[1]]));
                if (!sessions.TryGetValue(key, out var list))
                {
                    list = [];
                    sessions[key] = list;
                }

                list.Add(new SessionRecord(key.Item1, key.Item2, Time(Values.AsLong(row[c[2]])), Values.AsNullableLong(row[c[3]]),
                    Values.AsNullableString(row[c[4]]), ParseIpType(Values.AsNullableString(row[c[5]]))));
            }
        }

        var requests = new Dictionary<long, RequestRecord>();
        for (var start = 0; start < request.RequestRowIds.Count; start += batchSize)
        {
            var slice = Slice(request.RequestRowIds, start);
            var result = await client.RunAsync(cypher[CypherFiles.GetRequestRecords], Parameters.Of(("rowIds", slice)), ct);
            var c = Neo4jAccountReadModel.Columns(result, "rowId", "requestId", "accountId", "tsMs", "model", "capability", "promptFingerprint", "ip", "client", "inputTokens", "outputTokens");
            foreach (var row in result.Rows)
            {
                requests[Values.AsLong(row[c[0]])] = new RequestRecord(
                    Values.AsString(row[c[1]]),
                    Values.AsString(row[c[2]]),
                    Time(Values.AsLong(row[c[3]])),
                    Values.AsString(row[c[4]]),
                    Values.AsNullableString(row[c[5]]),
                    Values.AsNullableString(row[c[6]]),
                    Values.AsNullableString(row[c[7]]),
                    Values.AsNullableString(row[c[8]]),
                    Values.AsNullableLong(row[c[9]]),
                    Values.AsNullableLong(row[c[10]]));
            }
        }

        return new SourceRecords(
            InRequestOrder(request.Accounts, accounts),
            InRequestOrder(request.Payments, payments),
            SessionsInRequestOrder(request.Sessions, sessions),
            InRequestOrder(request.RequestRowIds, requests));
    }

    private static List<TRecord> InRequestOrder<TKey, TRecord>(IReadOnlyList<TKey> keys, Dictionary<TKey, TRecord> found)
        where TKey : notnull
    {
        var list = new List<TRecord>(found.Count);
        foreach (var key in keys)
        {
            if (found.TryGetValue(key, out var record))
            {
                list.Add(record);
            }
        }

        return list;
    }

    private static List<SessionRecord> SessionsInRequestOrder(IReadOnlyList<(string Account, string Ip)> keys, Dictionary<(string, string), List<SessionRecord>> found)
    {
        var list = new List<SessionRecord>();
        foreach (var key in keys)
        {
            if (found.TryGetValue(key, out var rows))
            {
                rows.Sort(static (x, y) => x.SeenAt.CompareTo(y.SeenAt));
                list.AddRange(rows);
            }
        }

        return list;
    }

    private T[] Slice<T>(IReadOnlyList<T> items, int start)
    {
        var slice = new T[Math.Min(batchSize, items.Count - start)];
        for (var i = 0; i < slice.Length; i++)
        {
            slice[i] = items[start + i];
        }

        return slice;
    }

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    // An unknown name means the graph was written by something else than this store: say so rather than guess.
    private static Neo4jException NotAContractName(string? text) =>
        new(Neo4jException.ProtocolCode, $"'{text}' is not a contract name this store writes.");

    private static AccessPathway ParsePathway(string? text) =>
        text is not null && ContractNames.TryParse(text, out AccessPathway v) ? v : throw NotAContractName(text);

    private static AccountStatus? ParseStatus(string? text) =>
        text is null ? null : ContractNames.TryParse(text, out AccountStatus v) ? v : throw NotAContractName(text);

    private static PaymentKind? ParsePaymentKind(string? text) =>
        text is null ? null : ContractNames.TryParse(text, out PaymentKind v) ? v : throw NotAContractName(text);

    private static IpType? ParseIpType(string? text) =>
        text is null ? null : ContractNames.TryParse(text, out IpType v) ? v : throw NotAContractName(text);

    /// <summary>A list of (accountId, second) pairs as a parameter of maps: <c>[{accountId, instrument|ip}]</c>.</summary>
    private sealed class PairsParameter((string Account, string Second)[] pairs, string secondName) : IJsonParameter
    {
        public void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartArray();
            foreach (var (account, second) in pairs)
            {
                writer.WriteStartObject();
                writer.WriteString("accountId", account);
                writer.WriteString(secondName, second);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    }
}
