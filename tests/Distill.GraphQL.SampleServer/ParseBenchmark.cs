using System.Diagnostics;
using System.Globalization;
using Distill.GraphQL.Language;

namespace Distill.GraphQL.SampleServer;

/// <summary>Parser throughput: parses one document repeatedly for a few seconds and prints MB/s (UTF-8 bytes).</summary>
internal static class ParseBenchmark
{
    public static void Run(string path, double seconds)
    {
        var text = File.ReadAllText(path);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        for (var i = 0; i < 200; i++)
        {
            Parser.Parse(text);
        }

        var watch = Stopwatch.StartNew();
        long iterations = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 50; i++)
            {
                Parser.Parse(text);
            }

            iterations += 50;
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        var mbPerSecond = iterations * (double)bytes / elapsed / 1_000_000;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"distill-parser {Path.GetFileName(path)} {bytes} bytes: {iterations / elapsed:0} parses/s, {mbPerSecond:0.0} MB/s"));
    }
}
