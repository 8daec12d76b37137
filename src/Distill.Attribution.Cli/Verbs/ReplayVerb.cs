using System.CommandLine;
using Distill.Attribution.Infrastructure.Live;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// <c>distill replay DIR --batch 1h [--alerts FILE] [--window 30d] [--max-batches N] [--work DIR]</c>: cut a data set
/// into time-ordered batches and feed them one by one through the same inbox path as <c>watch</c> (docs/live.md).
/// </summary>
internal static class ReplayVerb
{
    internal static Command Create()
    {
        var input = new Argument<string>("dir") { Description = "Folder of contract files (a generated input/ folder)" };
        var batch = new Option<string>("--batch") { Description = "Length of a batch of simulated time (1h, 6h, 1d)", DefaultValueFactory = _ => "1h" };
        var maxBatches = new Option<int?>("--max-batches") { Description = "Stop after this many batches (a later replay with the same --work goes on)" };
        var prime = new Option<string?>("--prime") { Description = "Put everything before the first request + this span into the first batch (30d: start from a warm 30-day store)" };
        var work = new Option<string?>("--work") { Description = "Working folder for the cut batches and the inbox (default: STORE.replay)" };
        var shared = new LiveOptionSet();
        var command = new Command("replay", "Cut a data set into time-ordered batches and feed them through the live path (watch), for measurement");
        command.Arguments.Add(input);
        command.Options.Add(batch);
        command.Options.Add(maxBatches);
        command.Options.Add(work);
        command.Options.Add(prime);
        shared.AddTo(command);
        command.UsesStore(StoreUse.Creates);
        command.UsesPriority();
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var output = parse.InvocationConfiguration.Output;
            var dir = parse.GetValue(input)!;
            if (!Directory.Exists(dir))
            {
                await error.WriteLineAsync($"error: {ConsoleText.Safe(dir)} is not a directory");
                return ExitCodes.Usage;
            }

            if (!LiveOptionSet.TryParseSpan(parse.GetValue(batch)!, out var batchSpan) || batchSpan < TimeSpan.FromMinutes(1))
            {
                await error.WriteLineAsync("error: --batch: a duration of at least 1m (1h, 6h, 1d)");
                return ExitCodes.Usage;
            }

            if (parse.GetValue(maxBatches) is < 1)
            {
                await error.WriteLineAsync("error: --max-batches must be at least 1");
                return ExitCodes.Usage;
            }

            var primeSpan = TimeSpan.Zero;
            if (parse.GetValue(prime) is { } primeText && !LiveOptionSet.TryParseSpan(primeText, out primeSpan))
            {
                await error.WriteLineAsync("error: --prime: not a duration (30d, 12h)");
                return ExitCodes.Usage;
            }

            var workDir = parse.GetValue(work) ?? VerbStores.StorePath(parse) + ".replay";
            try
            {
                var staged = ReplaySplitter.Split(dir, Path.Combine(workDir, "staged"), batchSpan, primeSpan, output);
                var (session, problem) = await LiveSession.OpenAsync(parse, shared, ct);
                if (session is null)
                {
                    await error.WriteLineAsync($"error: {problem}");
                    return ExitCodes.Usage;
                }

                await using (session)
                {
                    // Batches land in the inbox by an atomic rename, so they are ready at once (no settle time).
                    var inbox = new LiveInbox(Path.Combine(workDir, "inbox"), TimeSpan.Zero, TimeProvider.System);
                    var limit = parse.GetValue(maxBatches);
                    var done = await session.DrainAsync(inbox, ct, limit);
                    foreach (var next in staged)
                    {
                        if (ct.IsCancellationRequested || (limit is { } l && done >= l))
                        {
                            break;
                        }

                        if (!Directory.Exists(next))
                        {
                            continue; // moved into the inbox by an earlier replay
                        }

                        Directory.Move(next, Path.Combine(inbox.Path, Path.GetFileName(next)));
                        done += await session.DrainAsync(inbox, ct, limit is { } m ? m - done : null);
                    }

                    await output.WriteLineAsync($"replay: {done} batches processed; {Directory.EnumerateDirectories(Path.Combine(workDir, "staged"), "batch-*").Count()} left in {ConsoleText.Safe(workDir)}");
                }

                return ExitCodes.Success;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await error.WriteLineAsync("replay stopped; run it again with the same --work to go on");
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
