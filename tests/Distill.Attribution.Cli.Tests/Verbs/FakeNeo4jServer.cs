using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Distill.Attribution.Cli.Tests.Verbs;

/// <summary>
/// A stand-in Neo4j Query API on a local port for the real <c>distill</c> process: it recognises each statement by
/// its file under <c>cypher/</c>, answers the projection reads from a tiny graph (accounts that share one card) in
/// typed JSON, accepts transactions and records every statement with its parameters.
/// </summary>
internal sealed class FakeNeo4jServer : IDisposable
{
    private static readonly DateTimeOffset Created = new(2026, 1, 5, 13, 0, 0, TimeSpan.Zero);

    private readonly HttpListener listener = new();
    private readonly Dictionary<string, string> fileByStatement;
    private readonly string[] accounts;
    private readonly Task loop;

    public FakeNeo4jServer(params string[] accounts)
    {
        this.accounts = accounts;
        fileByStatement = LoadCypherFiles();
        var port = ServeProcess.FreePort();
        Uri = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Uri + "/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string Uri { get; }

    /// <summary>Every statement received: its cypher/ file, parameters, and whether it ran inside the open transaction.</summary>
    public List<(string File, JsonElement Parameters, bool InTransaction)> Statements { get; } = [];

    /// <summary>Transaction control requests in order: begin, commit, rollback.</summary>
    public List<string> Transactions { get; } = [];

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's disposal exception; nothing to report.
        }
    }

    private static Dictionary<string, string> LoadCypherFiles()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "cypher")))
        {
            dir = dir.Parent;
        }

        var root = Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("cypher/ not found above the test binaries."), "cypher");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.cypher", SearchOption.AllDirectories))
        {
            // The same clean-up as the store's loader: trailing blanks and one trailing ';' dropped.
            var text = File.ReadAllText(file).TrimEnd();
            text = text.EndsWith(';') ? text[..^1] : text;
            map[text] = Path.GetRelativePath(root, file).Replace('\\', '/');
        }

        return map;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            var answer = Answer(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, body);
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.StatusCode = 202;
            context.Response.ContentType = "application/vnd.neo4j.query";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private string Answer(string method, string path, string body)
    {
        lock (Statements)
        {
            if (method == "DELETE")
            {
                Transactions.Add("rollback");
                return Rows([], []);
            }

            if (path.EndsWith("/tx", StringComparison.Ordinal))
            {
                Transactions.Add("begin");
                return """{ "data": { "fields": [], "values": [] }, "transaction": { "id": "tx-1", "expires": "2026-11-22T10:15:30Z" } }""";
            }

            if (path.EndsWith("/commit", StringComparison.Ordinal))
            {
                Transactions.Add("commit");
                return Rows([], []);
            }

            using var request = JsonDocument.Parse(body);
            var statement = request.RootElement.GetProperty("statement").GetString()!;
            var file = fileByStatement.TryGetValue(statement, out var f) ? f : "(not a cypher/ file)";
            var parameters = request.RootElement.TryGetProperty("parameters", out var p) ? p.Clone() : default;
            Statements.Add((file, parameters, path.Contains("/tx/", StringComparison.Ordinal)));
            return file switch
            {
                "projection/accounts.cypher" => Rows(
                    ["accountId", "createdAtMs", "accessPathway", "emailDomain", "emailHash", "displayName", "orgName", "country", "status", "requests"],
                    parameters.GetProperty("after").GetString() == "" ? accounts.Select(a => new object?[] { a, Created.ToUnixTimeMilliseconds(), "self_serve", null, null, null, null, null, null, 0L }) : []),
                "projection/payments.cypher" => Rows(
                    ["accountId", "instrument", "kind", "bin", "issuerCountry", "firstSeenMs"],
                    parameters.GetProperty("accountIds").EnumerateArray().Select(a => new object?[] { a.GetString(), "fp-shared", "card", "411111", "US", Created.ToUnixTimeMilliseconds() })),
                "queries/Accounts/GetAccountProfiles.cypher" => Rows(
                    ["accountId", "createdAtMs", "emailDomain", "orgName", "accessPathway", "country", "status"],
                    parameters.GetProperty("accountIds").EnumerateArray().Select(a => a.GetString()).Where(accounts.Contains)
                        .Select(a => new object?[] { a, Created.ToUnixTimeMilliseconds(), "graph.example", null, "self_serve", "DE", null })),
                _ when file.StartsWith("writeback/", StringComparison.Ordinal) => Rows(["written"], [[1L]]),
                _ => Rows([], []),
            };
        }
    }

    private static string Rows(string[] fields, IEnumerable<object?[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("data");
            w.WriteStartArray("fields");
            foreach (var field in fields)
            {
                w.WriteStringValue(field);
            }

            w.WriteEndArray();
            w.WriteStartArray("values");
            foreach (var row in rows)
            {
                w.WriteStartArray();
                foreach (var value in row)
                {
                    w.WriteStartObject();
                    switch (value)
                    {
                        case null:
                            w.WriteString("$type", "Null");
                            w.WriteNull("_value");
                            break;
                        case long l:
                            // The Query API sends integers as strings.
                            w.WriteString("$type", "Integer");
                            w.WriteString("_value", l.ToString(CultureInfo.InvariantCulture));
                            break;
                        default:
                            w.WriteString("$type", "String");
                            w.WriteString("_value", (string)value);
                            break;
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("bookmarks");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
