using System.Net;
using Distill.Attribution.Neo4j;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

public sealed class QueryApiTransactionTests
{
    private const string Affinity = "MTAuMC4wLjU6NzQ3NA==";

    [Test]
    public async Task ShouldBeginRunAndCommitCarryingTheClusterAffinity()
    {
        var api = FakeQueryApi.Sequence(
            () => FakeQueryApi.Accepted(RecordedResponses.BeginTransaction, Affinity),
            () => FakeQueryApi.Accepted(RecordedResponses.Created7),
            () => FakeQueryApi.Accepted(RecordedResponses.Committed));
        using var client = api.Client();

        var created = await client.InTransactionAsync(
            async (tx, ct) => (await tx.RunAsync("write", null, ct)).SingleLong("created"),
            CancellationToken.None);

        Assert.That(created, Is.EqualTo(7));
        var begin = api.Requests[0];
        Assert.That((begin.Method, begin.Path), Is.EqualTo((HttpMethod.Post, "/db/neo4j/query/v2/tx")));
        Assert.That(begin.ClusterAffinity, Is.Null);
        Assert.That((begin.Body, begin.ContentType), Is.EqualTo((string.Empty, "application/json")), "begin sends an empty JSON-labelled body");
        var run = api.Requests[1];
        Assert.That((run.Method, run.Path, run.Statement), Is.EqualTo((HttpMethod.Post, "/db/neo4j/query/v2/tx/8d9c6a6f-tx", "write")));
        Assert.That(run.ClusterAffinity, Is.EqualTo(Affinity));
        var commit = api.Requests[2];
        Assert.That((commit.Method, commit.Path), Is.EqualTo((HttpMethod.Post, "/db/neo4j/query/v2/tx/8d9c6a6f-tx/commit")));
        Assert.That(commit.ClusterAffinity, Is.EqualTo(Affinity));
        Assert.That(commit.Body, Is.Empty);
    }

    [Test]
    public async Task ShouldRollBackWhenTheWorkThrows()
    {
        var api = FakeQueryApi.Sequence(
            () => FakeQueryApi.Accepted(RecordedResponses.BeginTransaction, Affinity),
            () => FakeQueryApi.Accepted(RecordedResponses.Empty));
        using var client = api.Client();

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.InTransactionAsync<int>(
            (_, _) => throw new InvalidOperationException("bad batch"),
            CancellationToken.None));

        var rollback = api.Requests[1];
        Assert.That((rollback.Method, rollback.Path), Is.EqualTo((HttpMethod.Delete, "/db/neo4j/query/v2/tx/8d9c6a6f-tx")));
        Assert.That(rollback.ClusterAffinity, Is.EqualTo(Affinity));
        Assert.That(rollback.Body, Is.Null, "rollback is a DELETE without a body");
    }

    [Test]
    public async Task ShouldRollBackExplicitly()
    {
        var api = FakeQueryApi.Sequence(
            () => FakeQueryApi.Accepted(RecordedResponses.BeginTransaction),
            () => FakeQueryApi.Accepted(RecordedResponses.Empty));
        using var client = api.Client();

        await using (var tx = await client.BeginAsync(CancellationToken.None))
        {
            await tx.RollbackAsync(CancellationToken.None);
        }

        Assert.That(api.Requests.Select(r => r.Method), Is.EqualTo(new[] { HttpMethod.Post, HttpMethod.Delete }), "dispose after rollback sends nothing more");
    }

    [Test]
    public async Task ShouldRetryTheWholeTransactionAfterATransientFailureInsideIt()
    {
        var api = FakeQueryApi.Sequence(
            () => FakeQueryApi.Accepted(RecordedResponses.BeginTransaction, Affinity),
            () => FakeQueryApi.Json(HttpStatusCode.BadRequest, RecordedResponses.Deadlock),
            () => FakeQueryApi.Accepted(RecordedResponses.BeginTransaction, Affinity),
            () => FakeQueryApi.Accepted(RecordedResponses.Created7),
            () => FakeQueryApi.Accepted(RecordedResponses.Committed));
        var delays = new List<TimeSpan>();
        using var client = api.Client(delays);
        var attempts = 0;

        var created = await client.InTransactionAsync(
            async (tx, ct) =>
            {
                attempts++;
                return (await tx.RunAsync("write", null, ct)).SingleLong("created");
            },
            CancellationToken.None);

        Assert.That(created, Is.EqualTo(7));
        Assert.That(attempts, Is.EqualTo(2));
        Assert.That(delays, Has.Count.EqualTo(1));
        // The failed statement ended the transaction on the server: no rollback is sent for it.
        Assert.That(api.Requests.Select(r => r.Method), Is.All.EqualTo(HttpMethod.Post));
        Assert.That(api.Requests.Select(r => r.Path).Last(), Does.EndWith("/commit"));
    }

    [Test]
    public async Task ShouldNotRetryATransactionAfterAClientError()
    {
        var api = FakeQueryApi.Sequence(
            () => FakeQueryApi.Accepted(RecordedResponses.BeginTransaction),
            () => FakeQueryApi.Json(HttpStatusCode.BadRequest, RecordedResponses.ConstraintViolation));
        using var client = api.Client();

        var ex = await Assert.ThrowsAsync<Neo4jException>(() => client.InTransactionAsync(
            async (tx, ct) => (await tx.RunAsync("write", null, ct)).Rows.Count,
            CancellationToken.None));

        Assert.That(ex!.Code, Is.EqualTo("Neo.ClientError.Schema.ConstraintValidationFailed"));
        Assert.That(api.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ShouldRefuseABeginAnswerWithoutATransactionId()
    {
        var api = FakeQueryApi.Sequence(() => FakeQueryApi.Accepted(RecordedResponses.Empty));
        using var client = api.Client();

        var ex = await Assert.ThrowsAsync<Neo4jException>(() => client.BeginAsync(CancellationToken.None));

        Assert.That(ex!.Code, Is.EqualTo(Neo4jException.ProtocolCode));
    }
}
