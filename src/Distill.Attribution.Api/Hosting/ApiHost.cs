using Distill.Attribution.Api.Workbench;
using Distill.Attribution.Embedding.Stores;
using Distill.Attribution.Infrastructure.Readiness;
using Distill.GraphQL.Execution;
using Distill.GraphQL.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Distill.Attribution.Api.Hosting;

/// <summary>The ASP.NET Core host of <c>distill serve</c>: GraphQL (and GraphiQL) at <c>/graphql</c>, <c>/healthz</c>, <c>/readyz</c>.</summary>
public static class ApiHost
{
    private static readonly Action<ILogger, Exception?> ResolverFailed =
        LoggerMessage.Define(LogLevel.Error, new EventId(1, "ResolverFailed"), "A resolver failed unexpectedly (the client saw a generic error).");

    /// <summary>Builds the application; <paramref name="configure"/> lets tests swap the server (TestServer) or services.</summary>
    public static WebApplication Create(ApiHostOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        // JSON lines on stdout; nothing logs request bodies, variables or keys.
        builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        // ASP.NET Core's per-request Information lines (4 JSON lines per request) cost a measurable share of a loaded
        // server's CPU; its warnings and errors still reach the log, and every request is in the audit trail.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var stores = options.Stores ?? StoreSettings.Sqlite(options.StorePath);
        options.StorePath = stores.Path;
        // The stores in use (SQLite, or Neo4j with the service's records in SQLite) and a readiness check for each: D21.
        builder.Services.AddAttributionStores(stores, StoreParts.Investigation | StoreParts.PackSources);
        builder.Services.AddAttributionGraphQL(options);
        builder.Services.AddClientRateLimiting(options);
        builder.Services.AddSingleton<WarmUpState>();
        builder.Services.AddHostedService<ClusterViewWarmUp>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Alerts.AlertFeed>());
        configure?.Invoke(builder);
        var app = builder.Build();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Distill.Attribution.Api");
        app.Services.GetRequiredService<GraphQLExecutor>().Options.OnUnexpectedException =
            e => ResolverFailed(logger, e);
        if (Directory.Exists(options.GraphiQLDirectory))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.GetFullPath(options.GraphiQLDirectory)), RequestPath = "/graphiql" });
        }

        app.UseRateLimiter();
        app.UseWorkbench(options.WorkbenchDirectory);
        app.MapGraphQL("/graphql");
        app.MapEvidencePackDownload();
        app.MapGet("/graphiql", () => Results.Redirect("/graphql"));
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        app.MapGet("/readyz", ReadyAsync);
        return app;
    }

    /// <summary>
    /// Every store the host was composed with (<see cref="IReadinessCheck"/>), each within 5 s: 200 when all are ready,
    /// else 503 naming which. Ready as soon as the stores are; <c>warmUp</c> says whether the first cluster view will
    /// still wait for the warm-up (<see cref="ClusterViewWarmUp"/>: running, done or failed).
    /// </summary>
    private static async Task<IResult> ReadyAsync(IEnumerable<IReadinessCheck> checks, WarmUpState warmUp, CancellationToken ct)
    {
        var stores = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var ready = true;
        foreach (var check in checks)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(5));
            var result = await check.CheckAsync(deadline.Token);
            ready &= result.Ready;
            stores[check.Name] = (result.Ready ? "ready: " : "not ready: ") + result.Detail;
        }

        return Results.Json(new { status = ready ? "ready" : "not ready", stores, warmUp = warmUp.Status }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
