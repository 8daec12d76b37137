using System.CommandLine;
using System.Globalization;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>The options <c>watch</c> and <c>replay</c> share.</summary>
internal sealed class LiveOptionSet
{
    public Option<string?> Alerts { get; } = new("--alerts") { Description = "Append every alert raised or updated to this file (JSON Lines)" };

    public Option<string?> Window { get; } = new("--window") { Description = "Detect over the last span of requests only (30d, 12h, 90m); default: everything in the store" };

    public Option<string?> Webhook { get; } = new("--webhook") { Description = "POST every alert to this URL (HMAC-SHA256 signed body, retried with backoff); needs --webhook-secret-file" };

    public Option<string?> WebhookSecretFile { get; } = new("--webhook-secret-file") { Description = "File holding the webhook's shared secret (never logged)" };

    public Option<double?> GrowthShare { get; } = new("--growth-share") { Description = "A flagged cluster that grew by this share of its size raises a 'grown' alert (default 0.25)" };

    public Option<string> Rejects { get; } = new("--rejects") { Description = "Rejects report of the latest batch (JSON Lines)", DefaultValueFactory = _ => "./rejects.jsonl" };

    public Option<bool> FullSnapshots { get; } = new("--full-snapshots") { Description = "Read the whole store for every batch's detection (default: keep the snapshot and read only what the store gained)" };

    public Option<bool> CheckSnapshots { get; } = new("--check-snapshots") { Description = "Check every incremental snapshot against a full read, column by column, and stop on a difference (slow; for tests)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Alerts);
        command.Options.Add(Window);
        command.Options.Add(Webhook);
        command.Options.Add(WebhookSecretFile);
        command.Options.Add(GrowthShare);
        command.Options.Add(Rejects);
        command.Options.Add(FullSnapshots);
        command.Options.Add(CheckSnapshots);
    }

    /// <summary><c>30d</c>, <c>12h</c>, <c>90m</c>, <c>45s</c> or a .NET time span (<c>1.00:00:00</c>).</summary>
    public static bool TryParseSpan(string text, out TimeSpan span)
    {
        span = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var unit = char.ToLowerInvariant(text[^1]);
        if (unit is 'd' or 'h' or 'm' or 's'
            && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value > 0 && double.IsFinite(value))
        {
            span = unit switch { 'd' => TimeSpan.FromDays(value), 'h' => TimeSpan.FromHours(value), 'm' => TimeSpan.FromMinutes(value), _ => TimeSpan.FromSeconds(value) };
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out span) && span > TimeSpan.Zero;
    }
}
