using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// Reads the detection projection out of Neo4j page by page (keyset pagination on the unique indexes,
/// at most <see cref="Neo4jOptions.BatchSize"/> rows per request) and hands it to the
/// <see cref="SnapshotAssembler"/>, which fixes the canonical order. Pages are separate implicit
/// transactions, so run it while no ingest is writing (as <c>distill detect</c> does).
/// </summary>
internal sealed class Neo4jSnapshotLoader(QueryApiClient client, CypherScripts cypher)
{
    private readonly int pageSize = client.Options.BatchSize;

    /// <summary>Reads the snapshot; <paramref name="progress"/> gets the number of requests read so far.</summary>
    public async Task<DetectionSnapshot> LoadAsync(IProgress<long>? progress, CancellationToken ct)
    {
        var assembler = new SnapshotAssembler();

        // Accounts (all of them, stubs included) with their request counts.
        var ids = new List<string>();
        var counts = new List<long>();
        var after = string.Empty;
        while (true)
        {
            var page = await client.RunAsync(cypher[CypherFiles.ProjectAccounts], Parameters.Of(("after", after), ("limit", pageSize)), ct);
            var c = new Columns(page, "accountId", "createdAtMs", "accessPathway", "emailDomain", "emailHash", "displayName", "orgName", "country", "status", "requests");
            foreach (var row in page.Rows)
            {
                var id = Values.AsString(row[c[0]]);
                assembler.AddAccount(
                    id,
                    Values.AsNullableLong(row[c[1]]),
                    ParsePathway(Values.AsNullableString(row[c[2]])),
                    Values.AsNullableString(row[c[3]]),
                    Values.AsNullableString(row[c[4]]),
                    Values.AsNullableString(row[c[5]]),
                    Values.AsNullableString(row[c[6]]),
                    Values.AsNullableString(row[c[7]]),
                    ParseStatus(Values.AsNullableString(row[c[8]])));
                ids.Add(id);
                counts.Add(Values.AsLong(row[c[9]]));
                after = id;
            }

            if (page.Rows.Count < pageSize)
            {
                break;
            }
        }

        var sortedIds = ids.ToArray();
        var sortedCounts = counts.ToArray();
        Array.Sort(sortedIds, sortedCounts, StringComparer.Ordinal);
        long totalRequests = 0;
        foreach (var n in sortedCounts)
        {
            totalRequests += n;
        }

        assembler.SealAccounts(totalRequests);

        // Payments and raw sessions, a page of accounts at a time.
        for (var start = 0; start < sortedIds.Length; start += pageSize)
        {
            var slice = sortedIds[start..Math.Min(start + pageSize, sortedIds.Length)];
            var payments = await client.RunAsync(cypher[CypherFiles.ProjectPayments], Parameters.Of(("accountIds", slice)), ct);
            var p = new Columns(payments, "accountId", "instrument", "kind", "bin", "issuerCountry", "firstSeenMs");
            foreach (var row in payments.Rows)
            {
                assembler.AddPayment(
                    Values.AsString(row[p[0]]),
                    Values.AsString(row[p[1]]),
                    ParsePaymentKind(Values.AsNullableString(row[p[2]])),
                    Values.AsNullableString(row[p[3]]),
                    Values.AsNullableString(row[p[4]]),
                    Values.AsLong(row[p[5]]));
            }

            var sessions = await client.RunAsync(cypher[CypherFiles.ProjectSessions], Parameters.Of(("accountIds", slice)), ct);
            var s = new Columns(sessions, "accountId", "ip", "seenAtMs", "asn", "asnOrg", "ipType");
            foreach (var row in sessions.Rows)
            {
                assembler.AddSession(
                    Values.AsString(row[s[0]]),
                    Values.AsString(row[s[1]]),
                    Values.AsLong(row[s[2]]),
                    Values.AsNullableLong(row[s[3]]),
                    Values.AsNullableString(row[s[4]]),
                    ParseIpType(Values.AsNullableString(row[s[5]])));
            }
        }

        // Requests: pages of whole accounts in ascending order; an account too big for a page is paged alone.
        var first = 0;
        while (first < sortedIds.Length)
        {
            if (sortedCounts[first] > pageSize)
            {
                await LoadLargeAccountAsync(assembler, sortedIds[first], ct);
                progress?.Report(assembler.RequestCount);
                first++;
                continue;
            }

            var end = first;
            long rows = 0;
            while (end < sortedIds.Length && sortedCounts[end] <= pageSize && rows + sortedCounts[end] <= pageSize && end - first < pageSize)
            {
                rows += sortedCounts[end];
                end++;
            }

            if (rows > 0)
            {
                var page = await client.RunAsync(cypher[CypherFiles.ProjectRequests], Parameters.Of(("accountIds", sortedIds[first..end])), ct);
                assembler.AddRequestPage(ReadRequests(page));
                progress?.Report(assembler.RequestCount);
            }

            first = end;
        }

        var releases = await client.RunAsync(cypher[CypherFiles.ProjectReleases], null, ct);
        var r = new Columns(releases, "model", "releasedAtMs");
        foreach (var row in releases.Rows)
        {
            assembler.AddRelease(Values.AsString(row[r[0]]), Values.AsLong(row[r[1]]));
        }

        var indicators = await client.RunAsync(cypher[CypherFiles.ProjectIndicators], null, ct);
        var ind = new Columns(indicators, "operatorId", "operatorName", "kind", "value", "confidence", "source");
        foreach (var row in indicators.Rows)
        {
            var kindText = Values.AsString(row[ind[2]]);
            if (!ContractNames.TryParse(kindText, out IndicatorKind kind))
            {
                throw new Neo4jException(Neo4jException.ProtocolCode, $"Unknown indicator kind '{kindText}' in the store.");
            }

            assembler.AddIndicator(new IndicatorRecord(
                Values.AsString(row[ind[0]]),
                Values.AsNullableString(row[ind[1]]),
                kind,
                Values.AsString(row[ind[3]]),
                Values.AsDouble(row[ind[4]]),
                Values.AsNullableString(row[ind[5]])));
        }

        progress?.Report(assembler.RequestCount);
        return assembler.Build();
    }

    private async Task LoadLargeAccountAsync(SnapshotAssembler assembler, string accountId, CancellationToken ct)
    {
        // All pages of one account go to the assembler together: it sorts within a page.
        var rows = new List<SnapshotAssembler.RequestRow>();
        long after = -1;
        while (true)
        {
            var page = await client.RunAsync(
                cypher[CypherFiles.ProjectRequestsOfAccount],
                Parameters.Of(("accountId", accountId), ("after", after), ("limit", pageSize)),
                ct);
            var decoded = ReadRequests(page);
            rows.AddRange(decoded);
            if (decoded.Count > 0)
            {
                after = decoded[^1].RowId;
            }

            if (page.Rows.Count < pageSize)
            {
                break;
            }
        }

        assembler.AddRequestPage(rows);
    }

    private static List<SnapshotAssembler.RequestRow> ReadRequests(QueryResult page)
    {
        var c = new Columns(page, "accountId", "rowId", "requestId", "tsMs", "model", "capability", "promptFingerprint", "ip", "client", "inputTokens", "outputTokens");
        var rows = new List<SnapshotAssembler.RequestRow>(page.Rows.Count);
        foreach (var row in page.Rows)
        {
            rows.Add(new SnapshotAssembler.RequestRow(
                Values.AsString(row[c[0]]),
                Values.AsLong(row[c[1]]),
                Values.AsString(row[c[2]]),
                Values.AsLong(row[c[3]]),
                Values.AsString(row[c[4]]),
                Values.AsNullableString(row[c[5]]),
                Values.AsNullableString(row[c[6]]),
                Values.AsNullableString(row[c[7]]),
                Values.AsNullableString(row[c[8]]),
                Values.AsNullableLong(row[c[9]]),
                Values.AsNullableLong(row[c[10]])));
        }

        return rows;
    }

    private static AccessPathway? ParsePathway(string? text) =>
        text is not null && ContractNames.TryParse(text, out AccessPathway v) ? v : null;

    private static AccountStatus? ParseStatus(string? text) =>
        text is not null && ContractNames.TryParse(text, out AccountStatus v) ? v : null;

    private static PaymentKind? ParsePaymentKind(string? text) =>
        text is not null && ContractNames.TryParse(text, out PaymentKind v) ? v : null;

    private static IpType? ParseIpType(string? text) =>
        text is not null && ContractNames.TryParse(text, out IpType v) ? v : null;

    /// <summary>Column indexes of a result, looked up once per page.</summary>
    private readonly struct Columns
    {
        private readonly int[] indexes;

        public Columns(QueryResult result, params string[] names)
        {
            indexes = new int[names.Length];
            if (result.Rows.Count == 0)
            {
                return;
            }

            for (var i = 0; i < names.Length; i++)
            {
                indexes[i] = result.Column(names[i]);
            }
        }

        public int this[int i] => indexes[i];
    }
}
