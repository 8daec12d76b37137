using System.CommandLine;
using Distill.Attribution.Infrastructure.Live;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// <c>distill watch INBOX... [--once] [--alerts FILE] [--window 30d] [--webhook URL --webhook-secret-file F]</c>:
/// ingest each batch dropped into the inboxes exactly once, re-run detection over the window and raise alerts
/// (docs/live.md).
/// </summary>
internal static class WatchVerb
{
    internal static Command Create()
    {
        var inboxes = new Argument<string[]>("inboxes") { Description = "Folders the platform drops batches into (a file or a folder per batch)", Arity = ArgumentArity.OneOrMore };
        var once = new Option<bool>("--once") { Description = "Process what is ready, then exit (for cron and tests)" };
        var settle = new Option<string>("--settle") { Description = "A batch without a NAME.ready marker is taken once nothing in it changed for this long", DefaultValueFactory = _ => "10s" };
        var poll = new Option<string>("--poll") { Description = "How often the inboxes are looked at", DefaultValueFactory = _ => "2s" };
        var shared = new LiveOptionSet();
        var command = new Command("watch", "Follow inbox folders: ingest each new batch exactly once, re-run detection over the window, raise alerts");
        command.Arguments.Add(inboxes);
        command.Options.Add(once);
        command.Options.Add(settle);
        command.Options.Add(poll);
        shared.AddTo(command);
        command.UsesStore(StoreUse.Creates, neo4j: true);
        command.UsesPriority();
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var settleText = parse.GetValue(settle)!;
            TimeSpan settleSpan;
            if (settleText is "0" or "0s")
            {
                settleSpan = TimeSpan.Zero;
            }
            else if (!LiveOptionSet.TryParseSpan(settleText, out settleSpan))
            {
                await error.WriteLineAsync("error: --settle: not a duration (10s, 1m, or 0)");
                return ExitCodes.Usage;
            }

            if (!LiveOptionSet.TryParseSpan(parse.GetValue(poll)!, out var pollSpan))
            {
                await error.WriteLineAsync("error: --poll: not a duration (2s, 1m)");
                return ExitCodes.Usage;
            }

            var paths = parse.GetValue(inboxes) ?? [];
            foreach (var p in paths.Where(p => !Directory.Exists(p)))
            {
                await error.WriteLineAsync($"error: inbox {ConsoleText.Safe(p)} is not a directory");
                return ExitCodes.Usage;
            }

            try
            {
                var (session, problem) = await LiveSession.OpenAsync(parse, shared, ct);
                if (session is null)
                {
                    await error.WriteLineAsync($"error: {problem}");
                    return ExitCodes.Usage;
                }

                await using (session)
                {
                    var boxes = paths.Select(p => new LiveInbox(p, settleSpan, TimeProvider.System)).ToArray();
                    while (!ct.IsCancellationRequested)
                    {
                        foreach (var box in boxes)
                        {
                            await session.DrainAsync(box, ct);
                        }

                        if (parse.GetValue(once))
                        {
                            break;
                        }

                        await Task.Delay(pollSpan, ct);
                    }
                }

                return ExitCodes.Success;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await error.WriteLineAsync("watch stopped; a batch being processed stays in processing/ and is resumed next time");
                return ExitCodes.Success;
            }
            catch (StoreUnavailableException e)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }
}
