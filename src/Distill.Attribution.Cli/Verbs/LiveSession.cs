using System.CommandLine;
using System.Globalization;
using Distill.Attribution.Application.Live;
using Distill.Attribution.Infrastructure.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// What <c>watch</c> and <c>replay</c> share: the store, the application layer with a windowed snapshot, the alert
/// store and sinks, and the loop that claims, processes and completes the batches of an inbox.
/// </summary>
internal sealed class LiveSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly WebhookAlertSink? _webhook;
    private readonly HttpClient? _http;
    private readonly TextWriter _out;

    private LiveSession(ServiceProvider services, WebhookAlertSink? webhook, HttpClient? http, TextWriter output)
    {
        _services = services;
        _webhook = webhook;
        _http = http;
        _out = output;
        Processor = services.GetRequiredService<LiveBatchProcessor>();
    }

    public LiveBatchProcessor Processor { get; }

    /// <summary>Batches processed (not counting ones already done).</summary>
    public int Processed { get; private set; }

    /// <summary>Checks the options (null and an error message on a usage error) and opens everything.</summary>
    public static async Task<(LiveSession? Session, string? Error)> OpenAsync(ParseResult parse, LiveOptionSet o, CancellationToken ct)
    {
        TimeSpan? window = null;
        if (parse.GetValue(o.Window) is { } w)
        {
            if (!LiveOptionSet.TryParseSpan(w, out var span))
            {
                return (null, $"--window {ConsoleText.Safe(w)}: not a duration (use 30d, 12h, 90m)");
            }

            window = span;
        }

        var alertOptions = new AlertOptions();
        if (parse.GetValue(o.GrowthShare) is { } g)
        {
            if (!(g > 0 && g <= 10))
            {
                return (null, "--growth-share must be in (0, 10]");
            }

            alertOptions = alertOptions with { GrowthShare = g };
        }

        byte[]? secret = null;
        Uri? webhookUrl = null;
        if (parse.GetValue(o.Webhook) is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out webhookUrl) || webhookUrl.Scheme is not ("http" or "https"))
            {
                return (null, "--webhook must be an absolute http or https URL");
            }

            if (parse.GetValue(o.WebhookSecretFile) is not { } secretFile || !File.Exists(secretFile))
            {
                return (null, "--webhook needs --webhook-secret-file naming an existing file");
            }

            secret = System.Text.Encoding.UTF8.GetBytes((await File.ReadAllTextAsync(secretFile, ct)).Trim());
            if (secret.Length < 16)
            {
                return (null, "the webhook secret must be at least 16 bytes");
            }
        }

        var stores = StoreFactory.Settings(parse);
        var sinks = new List<IAlertSink> { new ConsoleAlertSink(parse.InvocationConfiguration.Output) };
        if (parse.GetValue(o.Alerts) is { } alertsPath)
        {
            sinks.Add(new JsonLinesAlertSink(alertsPath));
        }

        HttpClient? http = null;
        WebhookAlertSink? webhook = null;
        if (webhookUrl is not null)
        {
            http = new HttpClient();
            webhook = new WebhookAlertSink(http, webhookUrl, secret!, new WebhookOptions(), NullLogger.Instance);
            sinks.Add(webhook);
        }

        var services = CliServices.BuildForLive(stores, window, sinks,
            new LiveOptions { Alerts = alertOptions, RejectsPath = parse.GetValue(o.Rejects) ?? "./rejects.jsonl" },
            parse.GetValue(o.FullSnapshots), parse.GetValue(o.CheckSnapshots));
        try
        {
            await StoreFactory.OpenAsync(services, parse, ct);
        }
        catch
        {
            await services.DisposeAsync();
            if (webhook is not null)
            {
                await webhook.DisposeAsync();
            }

            http?.Dispose();
            throw;
        }

        return (new LiveSession(services, webhook, http, parse.InvocationConfiguration.Output), null);
    }

    /// <summary>
    /// Resumes what an earlier process left in <c>processing/</c>, then claims and processes every ready batch, in
    /// name order, until none is ready. Returns how many batches it processed.
    /// </summary>
    public async Task<int> DrainAsync(LiveInbox inbox, CancellationToken ct, int? limit = null)
    {
        var count = 0;
        foreach (var unfinished in inbox.Unfinished())
        {
            if (limit is { } l && count >= l)
            {
                return count;
            }

            await _out.WriteLineAsync($"resuming {ConsoleText.Safe(Path.GetFileName(unfinished))} (claimed by an earlier run that did not finish)");
            await ProcessAsync(inbox, unfinished, ct);
            count++;
        }

        while (!ct.IsCancellationRequested)
        {
            var ready = inbox.Ready();
            if (ready.Count == 0)
            {
                break;
            }

            var claimedAny = false;
            foreach (var entry in ready)
            {
                if (limit is { } l && count >= l)
                {
                    return count;
                }

                if (inbox.Claim(entry) is { } claimed)
                {
                    claimedAny = true;
                    await ProcessAsync(inbox, claimed, ct);
                    count++;
                }
            }

            if (!claimedAny)
            {
                break; // ready batches that cannot be claimed (taken by another watcher, a name already in processing/): next poll
            }
        }

        return count;
    }

    private async Task ProcessAsync(LiveInbox inbox, string claimed, CancellationToken ct)
    {
        var outcome = await Processor.ProcessAsync(claimed, ct);
        inbox.Complete(claimed);
        Processed++;
        await _out.WriteLineAsync(Summary(outcome));
        if (!outcome.AlreadyDone)
        {
            await _out.WriteLineAsync(Cost(outcome, Environment.WorkingSet));
        }
    }

    /// <summary>The second line of a batch: where detection's time went, how the snapshot was read, and the process's resident memory.</summary>
    internal static string Cost(BatchOutcome b, long residentBytes)
    {
        var phases = string.Join(", ", b.Phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {p.Elapsed.TotalSeconds:F2}")));
        var alertPhases = b.AlertPhases.Count == 0 ? ""
            : " (" + string.Join(", ", b.AlertPhases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.TotalSeconds:F2}"))) + ")";
        return string.Create(CultureInfo.InvariantCulture,
            $"  cost: {phases}, alerts {b.AlertsElapsed.TotalSeconds:F2} s{alertPhases} | snapshot: {ConsoleText.Safe(b.SnapshotHow ?? "-")} | rss {residentBytes / (1024 * 1024):N0} MB");
    }

    /// <summary>One line per batch.</summary>
    internal static string Summary(BatchOutcome b)
    {
        if (b.AlreadyDone)
        {
            return $"batch {ConsoleText.Safe(b.Name)}: already ingested (same name and content); moved to done/";
        }

        var created = b.Alerts.Count(a => a.IsNew);
        return string.Create(CultureInfo.InvariantCulture,
            $"batch {ConsoleText.Safe(b.Name)}: {b.RowsRead:N0} rows ({b.RowsNew:N0} new, {b.Rejected:N0} rejected{(b.FileErrors > 0 ? $", {b.FileErrors} unreadable file(s): see the rejects report" : "")}) | {b.RunId} {b.Clusters:N0} clusters, {b.Flagged:N0} flagged | alerts {created} new, {b.Alerts.Count - created} updated | data to {(b.ObservedAt is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture) : "-")} | ingest {b.Ingest.TotalSeconds:F2} s, detect {b.Detect.TotalSeconds:F2} s, total {b.Total.TotalSeconds:F2} s");
    }

    public async ValueTask DisposeAsync()
    {
        if (_webhook is not null)
        {
            if (!await _webhook.DrainAsync(TimeSpan.FromSeconds(30)))
            {
                await _out.WriteLineAsync("webhook: stopped with alerts still undelivered");
            }

            await _out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"webhook: {_webhook.Delivered} delivered, {_webhook.Failed} failed, {_webhook.Dropped} dropped"));
            await _webhook.DisposeAsync();
        }

        _http?.Dispose();
        // The stores (graph, runs, alerts) belong to the container.
        await _services.DisposeAsync();
    }

    /// <summary>Prints each alert under its batch's line.</summary>
    private sealed class ConsoleAlertSink(TextWriter output) : IAlertSink
    {
        public void Publish(IReadOnlyList<AlertChange> changes)
        {
            foreach (var c in changes)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  alert #{c.Alert.Id} {(c.IsNew ? "raised" : "updated")} {AlertJson.KindName(c.Alert.Kind)}: {ConsoleText.Safe(c.Alert.Summary)}"));
            }
        }
    }
}
