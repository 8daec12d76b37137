using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Distill.Attribution.Api.Alerts;
using Distill.Attribution.Api.Hosting;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Live;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Sqlite.Live;
using Distill.Attribution.Testing.Builders;
using Distill.GraphQL;
using Microsoft.Extensions.Logging.Abstractions;

namespace Distill.Attribution.Api.Tests;

/// <summary>
/// The <c>alertRaised</c> subscription over GraphQL over Server-Sent Events through the real host: an alert saved by
/// another connection to the store file (as <c>distill watch</c> does from another process) reaches a subscriber;
/// keys, caps, audit, filters and the slow-subscriber rule.
/// </summary>
public sealed class AlertSubscriptionTests
{
    private const string Subscription = "subscription Watch($kinds: [AlertKind!], $minRisk: Float) { alertRaised(kinds: $kinds, minRisk: $minRisk) { id clusterId kind riskScore summary updatedAt } }";
    private ApiFixture _api = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _api = await ApiFixture.StartAsync(o =>
    {
        o.AlertPollInterval = TimeSpan.FromMilliseconds(50);
        o.MaxSubscriptionsPerKey = 2;
        o.SubscriptionKeepAlive = TimeSpan.FromSeconds(1);
    });

    [OneTimeTearDown]
    public async Task StopAsync() => await _api.DisposeAsync();

    private async Task<(HttpResponseMessage Response, StreamReader Reader)> SubscribeAsync(Role? role, object? variables = null, string? key = null, CancellationToken ct = default)
    {
        var client = _api.Client(role);
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = Subscription, operationName = "Watch", variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync(ct)));
    }

    /// <summary>The data of the next <c>next</c> event (keep-alive comments skipped); null when the stream completes.</summary>
    private static async Task<JsonElement?> NextAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        string? evt = null;
        string? data = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (evt == "next")
                {
                    return JsonDocument.Parse(data!).RootElement.Clone();
                }

                if (evt == "complete")
                {
                    return null;
                }

                continue;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                evt = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        throw new EndOfStreamException("the stream ended without complete");
    }

    /// <summary>Saves an alert through a second connection pool on the store file, like another process.</summary>
    private async Task<LiveAlert> SaveFromAnotherConnectionAsync(string cluster, AlertKind kind, double risk)
    {
        using var database = new SqliteDatabase(new SqliteStoreOptions { Path = _api.StorePath });
        var store = new SqliteAlertStore(database);
        var now = DateTimeOffset.UtcNow;
        var alert = LiveAlerts.Of(cluster, kind, "run-sub", now, members: 9) with { RiskScore = risk, MemberCount = 9 };
        var saved = await store.SaveAsync("run-sub", [new AlertChange(alert, true)], CancellationToken.None);
        return saved[0].Alert;
    }

    private async Task WaitForSubscribersAsync(int count)
    {
        var feed = (AlertFeed)_api.App.Services.GetService(typeof(AlertFeed))!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (feed.SubscriberCount < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.That(feed.SubscriberCount, Is.GreaterThanOrEqualTo(count), "the subscriber registered with the feed");
    }

    [Test]
    public async Task ShouldDeliverAnAlertSavedByAnotherConnectionToASubscriber()
    {
        using var client = new CancellationTokenSource();
        var (response, reader) = await SubscribeAsync(Role.Investigator, new { kinds = new[] { "NEW_CLUSTER" }, minRisk = 0.5 }, ct: client.Token);
        using (response)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
            await WaitForSubscribersAsync(1);

            await SaveFromAnotherConnectionAsync("c-low", AlertKind.NewCluster, 0.2);   // below minRisk
            await SaveFromAnotherConnectionAsync("c-grown", AlertKind.Grown, 0.9);      // another kind
            var watch = Stopwatch.StartNew();
            var wanted = await SaveFromAnotherConnectionAsync("c-sub", AlertKind.NewCluster, 0.8);
            var next = await NextAsync(reader);
            watch.Stop();

            var alert = next!.Value.GetProperty("data").GetProperty("alertRaised");
            Assert.That(alert.GetProperty("id").GetString(), Is.EqualTo(wanted.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                "the first event is the alert that passes the filter");
            Assert.That(alert.GetProperty("clusterId").GetString(), Is.EqualTo("c-sub"));
            Assert.That(alert.GetProperty("kind").GetString(), Is.EqualTo("NEW_CLUSTER"));
            TestContext.Out.WriteLine($"alert saved -> event received: {watch.Elapsed.TotalMilliseconds:0} ms (poll 50 ms, TestServer)");
            await client.CancelAsync();
        }

        var trail = await _api.PostAsync(Role.Admin, "{ auditEntries(first: 500) { nodes { operationName role outcome } } }");
        var entries = trail.GetProperty("data").GetProperty("auditEntries").GetProperty("nodes").EnumerateArray()
            .Where(e => e.GetProperty("operationName").GetString() == "Watch").ToArray();
        Assert.That(entries.Select(e => (e.GetProperty("role").GetString(), e.GetProperty("outcome").GetString())), Does.Contain(("investigator", "ok")),
            "one audit entry when the subscription started");
    }

    [Test]
    public async Task ShouldDeliverARunsUpdateOfAnOpenAlertButNotItsAcknowledgement()
    {
        using var client = new CancellationTokenSource();
        var (response, reader) = await SubscribeAsync(Role.Analyst, ct: client.Token);
        using (response)
        {
            await WaitForSubscribersAsync(1);
            var raised = await SaveFromAnotherConnectionAsync("c-upd", AlertKind.AttributionAppeared, 0.7);
            Assert.That((await NextAsync(reader))!.Value.GetProperty("data").GetProperty("alertRaised").GetProperty("clusterId").GetString(), Is.EqualTo("c-upd"));

            using var database = new SqliteDatabase(new SqliteStoreOptions { Path = _api.StorePath });
            var store = new SqliteAlertStore(database);
            await store.SetStatusAsync(raised.Id, AlertStatus.Acknowledged, "someone", DateTimeOffset.UtcNow, CancellationToken.None);
            await store.SaveAsync("run-sub-2", [new AlertChange(raised with { RunId = "run-sub-2", Updates = 1, Summary = "c-upd grew", UpdatedAt = DateTimeOffset.UtcNow }, false)], CancellationToken.None);

            var update = (await NextAsync(reader))!.Value.GetProperty("data").GetProperty("alertRaised");
            Assert.That(update.GetProperty("summary").GetString(), Is.EqualTo("c-upd grew"), "the acknowledgement raised no event; the run's update did");
            await client.CancelAsync();
        }
    }

    [Test]
    public async Task ShouldRefuseAMissingOrWrongKeyBeforeAnyStream()
    {
        var (missing, _) = await SubscribeAsync(null);
        var (wrong, _) = await SubscribeAsync(null, key: "dk_not_a_real_key_0000000000000000");

        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(missing.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        missing.Dispose();
        wrong.Dispose();
    }

    [Test]
    public async Task ShouldRefuseSubscriptionsBeyondThePerKeyCap()
    {
        using var client = new CancellationTokenSource();
        var first = await SubscribeAsync(Role.Legal, ct: client.Token);
        var second = await SubscribeAsync(Role.Legal, ct: client.Token);
        var third = await SubscribeAsync(Role.Legal, ct: client.Token);
        var otherKey = await SubscribeAsync(Role.Investigator, ct: client.Token);

        Assert.That(first.Response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.Response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(third.Response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        var refusal = JsonDocument.Parse(await third.Reader.ReadToEndAsync()).RootElement;
        Assert.That(refusal.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString(), Is.EqualTo(ErrorCodes.SubscriptionLimit));
        Assert.That(otherKey.Response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the cap counts per API key");
        await client.CancelAsync();
        foreach (var r in new[] { first, second, third, otherKey })
        {
            r.Response.Dispose();
        }
    }

    [Test]
    public async Task ShouldRefuseAnOutOfRangeMinRiskThroughTheStream()
    {
        var (response, reader) = await SubscribeAsync(Role.Investigator, new { minRisk = 1.5 });
        using (response)
        {
            var next = await NextAsync(reader);
            Assert.That(next!.Value.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString(), Is.EqualTo("BAD_USER_INPUT"));
            Assert.That(await NextAsync(reader), Is.Null, "then complete");
        }
    }

    [Test]
    public async Task ShouldDropASubscriberThatFallsTooFarBehind()
    {
        var changes = new ListChanges();
        var feed = new AlertFeed(changes, new ApiHostOptions(), NullLogger<AlertFeed>.Instance);
        await feed.PollAsync(CancellationToken.None); // sets the mark
        await using var subscription = feed.SubscribeAsync(new AlertFilter(null, null)).GetAsyncEnumerator();
        var first = subscription.MoveNextAsync(); // registers and waits
        while (feed.SubscriberCount == 0)
        {
            await Task.Delay(5);
        }

        for (var i = 1; i <= AlertFeed.BufferPerSubscriber + 5; i++)
        {
            changes.Add(i);
        }

        await feed.PollAsync(CancellationToken.None);
        var received = 0;
        GraphQLException? error = null;
        try
        {
            if (await first)
            {
                received++;
            }

            while (await subscription.MoveNextAsync())
            {
                received++;
            }
        }
        catch (GraphQLException ex)
        {
            error = ex;
        }

        // What fitted in its buffer was delivered, plus the one a waiting reader may already have taken out of it.
        Assert.That(received, Is.InRange(AlertFeed.BufferPerSubscriber, AlertFeed.BufferPerSubscriber + 1));
        Assert.That(error?.Code, Is.EqualTo(ApiErrorCodes.SubscriberTooSlow));
        Assert.That(feed.SubscriberCount, Is.Zero);
    }

    private sealed class ListChanges : IAlertChanges
    {
        private readonly List<AlertChangeEntry> _entries = [];

        public void Add(long sequence) => _entries.Add(new AlertChangeEntry(sequence, new LiveAlert
        {
            Id = sequence,
            ClusterId = "c-" + sequence,
            Kind = AlertKind.NewCluster,
            FirstRunId = "r",
            RunId = "r",
            RaisedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            ObservedAt = DateTimeOffset.UnixEpoch,
            Summary = "s",
            Evidence = [],
        }));

        public Task<long> GetLatestChangeAsync(CancellationToken ct) => Task.FromResult(_entries.Count == 0 ? 0 : _entries[^1].Sequence);

        public Task<IReadOnlyList<AlertChangeEntry>> ReadAfterAsync(long after, int max, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<AlertChangeEntry>>([.. _entries.Where(e => e.Sequence > after).Take(max)]);
    }
}
