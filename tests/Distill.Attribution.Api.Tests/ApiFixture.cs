using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Distill.Attribution.Api.Hosting;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Testing.Builders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Api.Tests;

/// <summary>
/// The real API host on a TestServer over a fresh SQLite store holding one harvesting campaign (12 accounts on one
/// card, one IP, one template, lockstep bursts) and 20 independent users, with a key per role.
/// </summary>
internal sealed class ApiFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private readonly string _directory;

    private ApiFixture(string directory, WebApplication app, Dictionary<Role, string> keys)
    {
        _directory = directory;
        App = app;
        Keys = keys;
    }

    public WebApplication App { get; }

    public IReadOnlyDictionary<Role, string> Keys { get; }

    public string StorePath => Path.Combine(_directory, "api.db");

    /// <summary>The audit trail's own file beside the store.</summary>
    public string AuditPath => StorePath + ".audit.db";

    public static async Task<ApiFixture> StartAsync(Action<ApiHostOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "distill-api-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var store = Path.Combine(directory, "api.db");
        await using (var graph = await SqliteGraphStore.OpenAsync(store, CancellationToken.None))
        {
            await SeedAsync(graph);
        }

        var options = new ApiHostOptions { StorePath = store, GraphiQLDirectory = Path.Combine(directory, "no-graphiql") };
        configure?.Invoke(options);
        var app = ApiHost.Create(options, b =>
        {
            b.WebHost.UseTestServer();
            services?.Invoke(b.Services);
        });
        await app.StartAsync();
        var keys = new Dictionary<Role, string>();
        var access = app.Services.GetRequiredService<IAccessStore>();
        foreach (var role in Enum.GetValues<Role>())
        {
            var secret = ApiKeySecret.Create();
            await access.SaveKeyAsync(new StoredApiKey(secret.KeyId, secret.Hash(), role, T0, "test"), CancellationToken.None);
            keys[role] = secret.Text;
        }

        return new ApiFixture(directory, app, keys);
    }

    public HttpClient Client(Role? role)
    {
        var client = App.GetTestClient();
        if (role is { } r)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys[r]);
        }

        return client;
    }

    /// <summary>POSTs a GraphQL request and returns the response body as JSON (asserting a JSON body came back).</summary>
    public async Task<JsonElement> PostAsync(Role? role, string query, object? variables = null)
    {
        using var client = Client(role);
        var body = JsonSerializer.Serialize(new { query, variables });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/graphql", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        var database = App.Services.GetService<SqliteDatabase>();
        await App.DisposeAsync();
        database?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing on a slow disk; the temp folder is cleaned later.
        }
    }

    private static async Task SeedAsync(SqliteGraphStore store)
    {
        var ct = CancellationToken.None;
        var accounts = new List<AccountRecord>();
        var payments = new List<PaymentRecord>();
        var sessions = new List<SessionRecord>();
        var requests = new List<RequestRecord>();
        var random = new Random(7);
        for (var i = 0; i < 12; i++)
        {
            var id = $"camp-{i:D2}";
            accounts.Add(new AccountRecordBuilder().WithId(id).CreatedAt(T0.AddMinutes(i)).WithEmailDomain("mailbox.test").Via(AccessPathway.SelfServe).Build());
            payments.Add(new PaymentRecordBuilder().ForAccount(id).WithInstrument("pf_shared_card").FirstSeen(T0.AddMinutes(i)).Build());
            sessions.Add(new SessionRecord(id, "203.0.113.7", T0.AddHours(1), 64500, "Proxy Net", IpType.Datacenter));
            for (var k = 0; k < 80; k++)
            {
                // Lockstep bursts: every account fires within seconds of the others, at irregular times of day, over 5 days
                // (a crew harvesting within 2 days only would be a one-off event to the verdict: OneOffEventMaxSpanDays).
                var at = T0.AddMinutes(97 * k + (k * k % 11)).AddSeconds(i * 2);
                requests.Add(new RequestRecordBuilder().WithId($"r-{id}-{k}").ForAccount(id).At(at).ToModel("m-2").WithCapability("reasoning_cot")
                    .WithPromptFingerprint("tmpl-harvest").FromIp("203.0.113.7").WithClient("harvester/1.0").WithTokens(100, 900).Build());
            }
        }

        for (var i = 0; i < 20; i++)
        {
            var id = $"user-{i:D2}";
            accounts.Add(new AccountRecordBuilder().WithId(id).CreatedAt(T0.AddDays(-i)).WithEmailDomain($"home{i}.test").Via(AccessPathway.SelfServe).Build());
            payments.Add(new PaymentRecordBuilder().ForAccount(id).WithInstrument($"pf_user_{i}").FirstSeen(T0).Build());
            sessions.Add(new SessionRecord(id, $"198.51.100.{i + 1}", T0.AddHours(2), 64600 + i, null, IpType.Residential));
            for (var k = 0; k < 30; k++)
            {
                requests.Add(new RequestRecordBuilder().WithId($"r-{id}-{k}").ForAccount(id).At(T0.AddMinutes(random.Next(0, 60 * 24 * 5))).ToModel("m-1")
                    .WithCapability("chat").FromIp($"198.51.100.{i + 1}").WithClient($"sdk/{i}").WithTokens(50, 60).Build());
            }
        }

        for (var i = 0; i < 5; i++)
        {
            // An office team: one corporate card and one office IP, ordinary chat traffic. Clustered, never flagged.
            var id = $"office-{i}";
            accounts.Add(new AccountRecordBuilder().WithId(id).CreatedAt(T0.AddDays(-30)).WithEmailDomain("acme.test").WithOrgName("Acme").Via(AccessPathway.Enterprise).Build());
            payments.Add(new PaymentRecordBuilder().ForAccount(id).WithInstrument("pf_acme_corporate").FirstSeen(T0).Build());
            sessions.Add(new SessionRecord(id, "192.0.2.10", T0.AddHours(3), 64999, "Acme", IpType.Residential));
            sessions.Add(new SessionRecord(id, "192.0.2.11", T0.AddHours(4), 64999, "Acme", IpType.Residential));
            for (var k = 0; k < 20; k++)
            {
                requests.Add(new RequestRecordBuilder().WithId($"r-{id}-{k}").ForAccount(id).At(T0.AddMinutes(random.Next(0, 60 * 24 * 5))).ToModel("m-1")
                    .WithCapability("chat").FromIp("192.0.2.10").WithClient("office-tool/2").WithTokens(40, 80).Build());
            }
        }

        await store.WriteBatchAsync(Batches.Of([.. accounts]), ct);
        await store.WriteBatchAsync(Batches.Of([.. payments]), ct);
        await store.WriteBatchAsync(Batches.Of([.. sessions]), ct);
        await store.WriteBatchAsync(Batches.Of([.. requests]), ct);
        await store.WriteBatchAsync(Batches.Of(
            new IndicatorRecord("op-test", "Test Operator", IndicatorKind.PromptFingerprint, "tmpl-harvest", 0.9, "intel"),
            new IndicatorRecord("op-other", "Other Operator", IndicatorKind.Client, "nobody/0", 0.6, "intel")), ct);
    }
}
