using System.Text.Json;
using Distill.Attribution.Api.Hosting;
using Distill.Attribution.Api.Workbench;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Sqlite;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Api.Tests;

/// <summary>
/// A server started on a store that already holds a run warms up the cluster view (the largest flagged clusters' graphs
/// built before anyone asks) and says so on <c>/readyz</c>; nothing of it reaches the audit trail.
/// </summary>
[NonParallelizable]
public sealed class ClusterViewWarmUpTests
{
    [Test]
    public async Task ShouldBuildTheLargestFlaggedClustersGraphAtStartAndReportItOnReadyz()
    {
        await using var first = await ApiFixture.StartAsync();
        var run = await first.PostAsync(Role.Analyst, "mutation { runDetection { id flaggedCount } }");
        var runId = run.GetProperty("data").GetProperty("runDetection").GetProperty("id").GetString()!;
        var largest = (await first.PostAsync(Role.Investigator, "{ clusters(flagged: true, orderBy: SIZE_DESC, first: 1) { nodes { id } } }"))
            .GetProperty("data").GetProperty("clusters").GetProperty("nodes")[0].GetProperty("id").GetString()!;
        var audited = (await first.PostAsync(Role.Admin, "{ auditEntries(first: 1) { totalCount } }")).GetProperty("data").GetProperty("auditEntries").GetProperty("totalCount").GetInt32();

        // A second server on the same store file, as after a restart.
        var options = new ApiHostOptions { StorePath = first.StorePath, GraphiQLDirectory = Path.Combine(Path.GetTempPath(), "no-graphiql") };
        await using var second = ApiHost.Create(options, b => b.WebHost.UseTestServer());
        await second.StartAsync();
        var status = "running";
        using var client = second.GetTestClient();
        for (var i = 0; i < 200 && status == "running"; i++)
        {
            var ready = JsonDocument.Parse(await client.GetStringAsync(new Uri("/readyz", UriKind.Relative))).RootElement;
            Assert.That(ready.GetProperty("status").GetString(), Is.EqualTo("ready"));
            status = ready.GetProperty("warmUp").GetString()!;
            if (status == "running")
            {
                await Task.Delay(50);
            }
        }

        Assert.That(status, Is.EqualTo("done"));
        var graphs = second.Services.GetRequiredService<ClusterGraphCache>();
        Assert.That(graphs.TryGet(runId, largest, WorkbenchSchema.DefaultPerKind, out var graph), Is.True, "the largest flagged cluster's graph was built at start");
        Assert.That(graph.Members, Is.Not.Empty);
        await second.StopAsync();
        second.Services.GetService<SqliteDatabase>()?.Dispose();

        var after = (await first.PostAsync(Role.Admin, "{ auditEntries(first: 1) { totalCount } }")).GetProperty("data").GetProperty("auditEntries").GetProperty("totalCount").GetInt32();
        Assert.That(after, Is.EqualTo(audited + 1), "only the admin's own audit query was added, nothing by the warm-up");
    }
}
