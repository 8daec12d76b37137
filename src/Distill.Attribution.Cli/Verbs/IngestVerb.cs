using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Distill.Attribution.Application.Ingestion.IngestFiles;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Application.Ingestion.Validation;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Infrastructure.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// <c>distill ingest PATH... [--strict] [--rejects FILE] [--follow-symlinks] [--earliest T] [--latest T]</c>:
/// validate and load files into the store.
/// </summary>
internal static class IngestVerb
{
    private const int MaxWarningsShown = 20;

    internal static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files and directories to ingest (accounts, payments, sessions, requests, releases, indicators; .csv or .jsonl, optionally .gz)",
            Arity = ArgumentArity.OneOrMore,
        };
        var strict = new Option<bool>("--strict")
        {
            Description = "Any rejected row aborts its whole file: nothing of that file is kept",
        };
        var rejects = new Option<string>("--rejects")
        {
            Description = "Where to write the rejects report (JSON Lines: file, line, field, reason)",
            DefaultValueFactory = _ => "./rejects.jsonl",
        };
        var followSymlinks = new Option<bool>("--follow-symlinks")
        {
            Description = "Follow symbolic links to directories inside input directories (each real directory once); by default they are skipped with a warning",
        };
        var earliest = new Option<string?>("--earliest")
        {
            Description = $"Reject rows dated before this instant (RFC 3339; default {Utc(RecordLimits.Default.EarliestTimestamp)})",
        };
        var latest = new Option<string?>("--latest")
        {
            Description = $"Reject rows dated at or after this instant (RFC 3339; default {Utc(RecordLimits.Default.LatestTimestamp)})",
        };
        var command = new Command("ingest", "Validate and load contract files into the store");
        command.Arguments.Add(paths);
        command.UsesStore(StoreUse.Creates, neo4j: true);
        command.UsesPriority();
        command.Options.Add(strict);
        command.Options.Add(rejects);
        command.Options.Add(followSymlinks);
        command.Options.Add(earliest);
        command.Options.Add(latest);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var limits = RecordLimits.Default;
            foreach (var (option, isEarliest) in new[] { (earliest, true), (latest, false) })
            {
                var text = r.GetValue(option);
                if (text is null)
                {
                    continue;
                }

                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
                {
                    await Console.Error.WriteLineAsync($"error: {option.Name} {ConsoleText.Safe(text)}: not a date-time (use RFC 3339, such as 2020-01-01T00:00:00Z)");
                    return ExitCodes.Usage;
                }

                limits = isEarliest ? limits with { EarliestTimestamp = instant } : limits with { LatestTimestamp = instant };
            }

            if (limits.EarliestTimestamp >= limits.LatestTimestamp)
            {
                await Console.Error.WriteLineAsync("error: --earliest must come before --latest");
                return ExitCodes.Usage;
            }

            var ingest = new IngestFilesCommand(r.GetValue(paths) ?? [], r.GetValue(strict), r.GetValue(rejects)!)
            {
                FollowDirectorySymlinks = r.GetValue(followSymlinks),
                Limits = limits,
            };
            return await RunAsync(ingest, r, ct);
        });
        return command;
    }

    private static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<int> RunAsync(IngestFilesCommand command, ParseResult parse, CancellationToken ct)
    {
        // Paths are free text, so a mistyped option lands among them: name it as the option it was meant to be.
        foreach (var path in command.Paths.Where(p => p.StartsWith("--", StringComparison.Ordinal) && !Path.Exists(p)))
        {
            if (UsageErrors.Hint(parse, path) is { } hint)
            {
                await Console.Error.WriteLineAsync($"error: unknown option '{ConsoleText.Safe(path)}' {hint}");
                return ExitCodes.Usage;
            }
        }

        // Usage errors first, before the store is touched.
        DiscoveredInputs discovered;
        try
        {
            discovered = new LocalInputFiles().Discover(command.Paths, command.Discovery, ct);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("ingest cancelled while looking for input files; nothing was written");
            return ExitCodes.Usage;
        }

        if (discovered.Errors.Count > 0)
        {
            foreach (var error in discovered.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {ConsoleText.Safe(error)}");
            }

            return ExitCodes.Usage;
        }

        ServiceProvider? services = null;
        try
        {
            // --store or --neo4j, like every command, through the stores' composition root.
            services = CliServices.Build(StoreFactory.Settings(parse));
            await StoreFactory.OpenAsync(services, parse, ct);
        }
#pragma warning disable CA1031 // Any failure to open the store is fatal and reported as such.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (services is not null)
            {
                await services.DisposeAsync();
            }

            await Console.Error.WriteLineAsync($"error: cannot open the store: {ConsoleText.Safe(e.Message)}");
            return ExitCodes.Usage;
        }

        await using (services)
        {
            // The files found above are the ones ingested: discovery runs once.
            return await IngestAsync(command with { Inputs = discovered }, services, ct);
        }
    }

    /// <summary>Runs the ingest through <paramref name="services"/> (its store already open), prints the summary and returns the exit code.</summary>
    internal static async Task<int> IngestAsync(IngestFilesCommand command, IServiceProvider services, CancellationToken ct)
    {
        IngestFilesResult result;
        try
        {
            result = await IngestWithProgressAsync(services.GetRequiredService<ISender>(), command, ct);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("ingest cancelled; batches already written are kept (re-running is idempotent)");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or DbException)
        {
            // A full disk, a read-only store, a vanished file: one line, no stack trace. Each batch is one
            // transaction, so the store holds whole batches only and re-running the ingest is idempotent.
            await Console.Error.WriteLineAsync($"error: ingest stopped: {ConsoleText.Safe(e.Message)}");
            await Console.Error.WriteLineAsync("batches committed before the failure are kept and the store is consistent; free space (or fix the cause) and re-run the same ingest");
            return ExitCodes.Usage;
        }

        if (result.UsageErrors.Count > 0)
        {
            foreach (var error in result.UsageErrors)
            {
                await Console.Error.WriteLineAsync($"error: {ConsoleText.Safe(error)}");
            }

            return ExitCodes.Usage;
        }

        PrintSummary(result, command);
        var empty = WarnAboutEmptyInput(result, command);
        return result.HasRejections || (empty && command.Strict) ? ExitCodes.Rejected : ExitCodes.Success;
    }

    private static async Task<IngestFilesResult> IngestWithProgressAsync(ISender sender, IngestFilesCommand command, CancellationToken ct)
    {
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            IngestFilesResult? result = null;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("ingest", maxValue: 1);
                    var progress = new SyncProgress(p =>
                    {
                        task.MaxValue = Math.Max(1, p.BytesTotal);
                        task.Value = p.BytesRead;
                        var rate = p.Elapsed.TotalSeconds > 0 ? p.RowsRead / p.Elapsed.TotalSeconds : 0;
                        task.Description = Markup.Escape(ConsoleText.Safe($"{Path.GetFileName(p.CurrentFile)}  {p.RowsRead:N0} rows  {rate:N0} rows/s"));
                    });
                    result = await sender.Send(command with { Progress = progress }, ct);
                    task.Value = task.MaxValue;
                });
            return result!;
        }

        var lastLine = TimeSpan.Zero;
        var plain = new SyncProgress(p =>
        {
            // One line every two seconds: readable in CI logs without flooding them.
            if (p.Elapsed - lastLine < TimeSpan.FromSeconds(2))
            {
                return;
            }

            lastLine = p.Elapsed;
            var rate = p.Elapsed.TotalSeconds > 0 ? p.RowsRead / p.Elapsed.TotalSeconds : 0;
            var percent = p.BytesTotal > 0 ? 100.0 * p.BytesRead / p.BytesTotal : 100;
            var eta = rate > 0 && p.BytesRead > 0 ? TimeSpan.FromSeconds(p.Elapsed.TotalSeconds * (p.BytesTotal - p.BytesRead) / p.BytesRead) : TimeSpan.Zero;
            Console.Error.WriteLine($"ingest: {percent:F1}% {p.RowsRead:N0} rows {rate:N0} rows/s eta {eta:hh\\:mm\\:ss} ({ConsoleText.Safe(p.CurrentFile)})");
        });
        return await sender.Send(command with { Progress = plain }, ct);
    }

    private static void PrintSummary(IngestFilesResult result, IngestFilesCommand command)
    {
        var shown = 0;
        foreach (var warning in result.Warnings)
        {
            if (shown++ == MaxWarningsShown)
            {
                AnsiConsole.MarkupLine($"[yellow]... and {result.Warnings.Count - MaxWarningsShown} more warnings[/]");
                break;
            }

            AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(ConsoleText.Safe(warning))}");
        }

        foreach (var file in result.Files.Where(f => f.Error is not null))
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(ConsoleText.Safe(file.Path))}: {Markup.Escape(ConsoleText.Safe(file.Error!))}{(file.Aborted ? " (nothing of it kept)" : string.Empty)}");
        }

        foreach (var file in result.Files.Where(f => f.Aborted && f.Error is null))
        {
            AnsiConsole.MarkupLine($"[red]aborted:[/] {Markup.Escape(ConsoleText.Safe(file.Path))}: {file.Rejected:N0} rejected rows with --strict; nothing of it kept");
        }

        var table = new Table().AddColumns("kind", "files", "read", "accepted", "new", "rejected", "warnings", "file errors");
        foreach (var kind in result.Kinds)
        {
            table.AddRow(
                ContractNames.Name(kind.Kind),
                kind.Files.ToString("N0"),
                kind.Read.ToString("N0"),
                kind.Accepted.ToString("N0"),
                kind.New.ToString("N0"),
                kind.Rejected.ToString("N0"),
                kind.Warnings.ToString("N0"),
                kind.FileErrors.ToString("N0"));
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"{result.RowsRead:N0} rows in {result.Elapsed.TotalSeconds:F1} s ({result.RowsPerSecond:N0} rows/s)");
        if (result.Pipeline is { } times)
        {
            AnsiConsole.WriteLine(
                $"pipeline: store writing {times.WriterBusy.TotalSeconds:F1} s, store waiting for rows {times.WriterIdle.TotalSeconds:F1} s, reader waiting for the store {times.ReaderBlocked.TotalSeconds:F1} s");
        }
        if (result.HasRejections)
        {
            AnsiConsole.MarkupLine($"[red]{result.Rejected:N0} rows and {result.FileErrors} files rejected; see {Markup.Escape(ConsoleText.Safe(command.RejectsPath))}[/]");
        }
    }

    /// <summary>
    /// Warns about input that holds no rows (a header-only or empty file, a directory without input files): a
    /// mistyped path or a failed export upstream, never what someone meant to load. True when there was any; with
    /// <c>--strict</c> it is a failed check (exit 1).
    /// </summary>
    private static bool WarnAboutEmptyInput(IngestFilesResult result, IngestFilesCommand command)
    {
        var problems = new List<string>();
        if (result.Files.Count == 0)
        {
            problems.Add($"no input files (accounts, payments, sessions, requests, releases, indicators as .csv or .jsonl) in {string.Join(", ", command.Paths.Select(p => $"'{p}'"))}");
        }

        problems.AddRange(result.Files.Where(f => f.Read == 0 && f.Error is null).Select(f => $"{f.Path}: no rows (empty or header only)"));
        foreach (var problem in problems)
        {
            AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(ConsoleText.Safe(problem))}{(command.Strict ? " (a failed check with --strict)" : string.Empty)}");
        }

        return problems.Count > 0;
    }

    /// <summary>Reports on the caller's thread (unlike <see cref="Progress{T}"/>, which posts to the pool).</summary>
    private sealed class SyncProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }
}
