// A tool that talks to a running `distill serve` through the GraphQL API with a typed client.
// Usage: GraphQLClient URL   (the API key comes from DISTILL_API_KEY, never from the command line)
// Exit 0 when the API answered with at least one flagged cluster, 1 otherwise, 2 on usage errors.
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;


if (args.Length != 1 || Environment.GetEnvironmentVariable("DISTILL_API_KEY") is not { Length: > 0 } key)
{
    Console.Error.WriteLine("usage: DISTILL_API_KEY=KEY GraphQLClient http://127.0.0.1:5080/graphql");
    return 2;
}

using var http = new HttpClient { BaseAddress = new Uri(args[0]), Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
var client = new DistillClient(http);
var page = await client.FlaggedClustersAsync(first: 5, CancellationToken.None);
Console.WriteLine($"{page.TotalCount} flagged clusters; the top {page.Nodes.Count}:");
foreach (var c in page.Nodes)
{
    var op = c.Operator is { } o ? $"{o.Id} ({o.Name ?? "unnamed"}, {o.Confidence:F2})" : "no operator suspected";
    Console.WriteLine($"{c.Id}  risk {c.RiskScore:F2}  {c.Size} accounts  {op}");
}

return page.TotalCount > 0 && page.Nodes.Count > 0 ? 0 : 1;

/// <summary>The typed client: one method per operation in a .graphql file, typed results, GraphQL errors as exceptions.</summary>
internal sealed class DistillClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ClusterPage> FlaggedClustersAsync(int first, CancellationToken ct)
    {
        var data = await SendAsync<FlaggedClustersData>("FlaggedClusters.graphql", new { first }, ct);
        return data.Clusters;
    }

    private async Task<T> SendAsync<T>(string operationFile, object variables, CancellationToken ct)
    {
        using var stream = typeof(DistillClient).Assembly.GetManifestResourceStream(operationFile)
            ?? throw new InvalidOperationException($"{operationFile} is not embedded");
        using var reader = new StreamReader(stream);
        var query = await reader.ReadToEndAsync(ct);
        using var response = await http.PostAsJsonAsync(string.Empty, new { query, variables }, Json, ct);
        var body = await response.Content.ReadFromJsonAsync<GraphQLResponse<T>>(Json, ct)
            ?? throw new InvalidOperationException($"empty response, HTTP {(int)response.StatusCode}");
        if (body.Errors is { Count: > 0 } errors)
        {
            throw new InvalidOperationException($"GraphQL errors (HTTP {(int)response.StatusCode}): {string.Join("; ", errors.Select(e => e.Message))}");
        }

        return body.Data ?? throw new InvalidOperationException($"no data, HTTP {(int)response.StatusCode}");
    }
}

internal sealed record GraphQLResponse<T>(T? Data, IReadOnlyList<GraphQLError>? Errors);

internal sealed record GraphQLError(string Message);

internal sealed record FlaggedClustersData(ClusterPage Clusters);

internal sealed record ClusterPage(int TotalCount, IReadOnlyList<ClusterSummary> Nodes);

internal sealed record ClusterSummary(string Id, double RiskScore, int Size, OperatorSummary? Operator);

internal sealed record OperatorSummary(string Id, string? Name, double Confidence);

