using Distill.Attribution.Fuzz;

// distill-fuzz TARGET            run under afl++ (SharpFuzz's out-of-process protocol): the input arrives on stdin
// distill-fuzz TARGET --replay DIR...  run every file of each DIR in-process once; exit 1 naming each that crashes
// distill-fuzz TARGET --mutate SECONDS SEEDS OUT  in-process random mutation of the seeds (no coverage feedback) for
//                                       targets afl++ cannot drive; crashing inputs are written to OUT; exit 1 if any
if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
{
    await Console.Error.WriteLineAsync($"usage: distill-fuzz ({string.Join(" | ", Targets.All.Keys)}) [--replay DIR...]");
    return 2;
}

if (args.Length > 1 && args[1] == "--replay")
{
    var failures = 0;
    var count = 0;
    foreach (var directory in args.Skip(2))
    {
        if (!Directory.Exists(directory))
        {
            continue;
        }

        foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            count++;
            try
            {
                using var stream = File.OpenRead(file);
                target(stream);
            }
#pragma warning disable CA1031 // Every exception that escapes a target is a finding.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures++;
                await Console.Error.WriteLineAsync($"CRASH {args[0]} {file}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    Console.WriteLine($"{args[0]}: replayed {count} inputs, {failures} crashed");
    return failures == 0 ? 0 : 1;
}

if (args.Length > 4 && args[1] == "--mutate")
{
    var (runs, crashes) = Mutation.Run(target, TimeSpan.FromSeconds(double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)), args[3], args[4]);
    Console.WriteLine($"{args[0]}: {runs} mutated inputs, {crashes} crashed");
    return crashes == 0 ? 0 : 1;
}

SharpFuzz.Fuzzer.OutOfProcess.Run(stream => target(stream));
return 0;
