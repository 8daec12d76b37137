using Distill.Attribution.Neo4j;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>
/// A fake Query API that recognises which <c>cypher/</c> file a statement came from and answers with the
/// test's handler for that file; transactions are accepted and committed.
/// </summary>
internal sealed class ScriptedNeo4j
{
    private readonly Dictionary<string, Func<RecordedRequest, string>> handlers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> fileByStatement;

    public ScriptedNeo4j()
    {
        fileByStatement = CypherScripts.Default.Paths.ToDictionary(p => CypherScripts.Default[p], p => p, StringComparer.Ordinal);
        Api = new FakeQueryApi(Respond);
    }

    public FakeQueryApi Api { get; }

    /// <summary>The files of the statements received, in order (transaction control requests excluded).</summary>
    public List<string> Files { get; } = [];

    public List<(string File, RecordedRequest Request)> Statements { get; } = [];

    public void On(string file, Func<RecordedRequest, string> answer) => handlers[file] = answer;

    public Neo4jGraphStore Store(int batchSize)
    {
        var options = new Neo4jOptions { BaseUri = new Uri("http://neo4j.test:7474/"), User = "neo4j", Password = "pw", BatchSize = batchSize };
        return new Neo4jGraphStore(Api.Client(null, options), CypherScripts.Default);
    }

    private HttpResponseMessage Respond(RecordedRequest request)
    {
        if (request.Method == HttpMethod.Delete)
        {
            return FakeQueryApi.Accepted(RecordedResponses.Empty);
        }

        if (request.Path.EndsWith("/tx", StringComparison.Ordinal))
        {
            return FakeQueryApi.Accepted(RecordedResponses.BeginTransaction, "affinity-1");
        }

        if (request.Path.EndsWith("/commit", StringComparison.Ordinal))
        {
            return FakeQueryApi.Accepted(RecordedResponses.Committed);
        }

        var statement = request.Statement ?? throw new AssertionException("A statement request without a statement.");
        if (!fileByStatement.TryGetValue(statement, out var file))
        {
            throw new AssertionException("The store sent a statement that is not one of the cypher/ files.");
        }

        Files.Add(file);
        Statements.Add((file, request));
        return handlers.TryGetValue(file, out var handler)
            ? FakeQueryApi.Accepted(handler(request))
            : throw new AssertionException($"The test has no answer for {file}.");
    }
}
