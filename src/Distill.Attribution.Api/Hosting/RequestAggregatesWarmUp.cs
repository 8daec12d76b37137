using Distill.Attribution.Infrastructure.Sqlite.Investigation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Distill.Attribution.Api.Hosting;

/// <summary>
/// Builds the in-memory request aggregates (timelines, client and prompt look-ups) once at start, off the request
/// path, so that the first investigator who opens a timeline does not wait for the scan of the requests table.
/// </summary>
internal sealed class RequestAggregatesWarmUp(RequestAggregates aggregates, ILogger<RequestAggregatesWarmUp> logger) : BackgroundService
{
    private static readonly Action<ILogger, Exception?> Failed =
        LoggerMessage.Define(LogLevel.Warning, new EventId(3, "AggregatesWarmUpFailed"), "Building the request aggregates at start failed; the first query that needs them builds them.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Run(aggregates.Refresh, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Failed(logger, e);
        }
    }
}
