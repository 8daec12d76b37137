using System.Diagnostics;
using System.Security.Cryptography;

namespace Distill.Attribution.Fuzz;

/// <summary>
/// A small in-process mutation fuzzer without coverage feedback (bit flips, byte insertions and deletions, interesting
/// bytes, splices of two seeds, repeated chunks) for the targets whose assembly SharpFuzz cannot instrument. Weaker
/// than afl++, but it runs every mutated input through the same target and keeps each one that crashes.
/// </summary>
internal static class Mutation
{
    private static readonly byte[] Interesting = [0, 0xFF, 0x7F, 0x80, (byte)'"', (byte)',', (byte)'\n', (byte)'\r', (byte)'{', (byte)'}', (byte)'\\', 0xC3, 0xED, 0xF0];

    public static (long Runs, int Crashes) Run(Action<Stream> target, TimeSpan budget, string seedDirectory, string crashDirectory)
    {
        var seeds = Directory.EnumerateFiles(seedDirectory).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).Where(b => b.Length > 0).ToArray();
        if (seeds.Length == 0)
        {
            throw new InvalidOperationException($"no seeds in {seedDirectory}");
        }

        // A fixed seed per run would repeat the same inputs in every CI run; the time makes each run explore anew.
        var random = new Random(Environment.TickCount);
        var clock = Stopwatch.StartNew();
        long runs = 0;
        var crashes = 0;
        while (clock.Elapsed < budget)
        {
            var input = Mutate(random, seeds[random.Next(seeds.Length)], seeds);
            runs++;
            try
            {
                using var stream = new MemoryStream(input, writable: false);
                target(stream);
            }
#pragma warning disable CA1031 // Every exception that escapes a target is a finding.
            catch (Exception e)
#pragma warning restore CA1031
            {
                crashes++;
                Directory.CreateDirectory(crashDirectory);
                var name = Path.Combine(crashDirectory, "crash-" + Convert.ToHexStringLower(SHA256.HashData(input))[..16]);
                File.WriteAllBytes(name, input);
                Console.Error.WriteLine($"CRASH {name}: {e.GetType().Name}: {e.Message}");
            }
        }

        return (runs, crashes);
    }

    private static byte[] Mutate(Random random, byte[] seed, byte[][] seeds)
    {
        var data = new List<byte>(seed);
        var steps = 1 + random.Next(8);
        for (var s = 0; s < steps; s++)
        {
            // The first byte of a csv/jsonl input picks the record kind: mutations may change it too.
            var at = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data.Insert(at, (byte)random.Next(256));
                    break;
                case 2 when data.Count > 1:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(16)));
                    break;
                case 3 when data.Count > 0:
                    data[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 4:
                    var other = seeds[random.Next(seeds.Length)];
                    var from = random.Next(other.Length);
                    data.InsertRange(at, other.Skip(from).Take(1 + random.Next(64)));
                    break;
                case 5 when data.Count > 0:
                    var length = Math.Min(data.Count - at, 1 + random.Next(32));
                    var chunk = data.GetRange(at, length);
                    for (var r = random.Next(1, 20); r > 0; r--)
                    {
                        data.InsertRange(at, chunk);
                    }

                    break;
                default:
                    if (data.Count > 0)
                    {
                        data.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    }

                    break;
            }
        }

        return [.. data];
    }
}
