using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Distill.GraphQL.Execution;

namespace Distill.GraphQL.SampleServer;

/// <summary>Engine-only throughput (no HTTP): parse cache, validation cache, execution and JSON writing of one request, in a loop.</summary>
internal static class ExecuteBenchmark
{
    public static async Task RunAsync(string path, string variablesJson, double seconds)
    {
        var executor = new GraphQLExecutor(SampleSchema.Build(new SampleData()));
        var query = File.ReadAllText(path);
        using var variables = JsonDocument.Parse(variablesJson);
        var request = new GraphQLRequest { Query = query, Variables = variables.RootElement };
        var bytes = 0L;
        for (var i = 0; i < 2000; i++)
        {
            bytes = (await executor.ExecuteAsync(request)).ToJson().Length;
        }

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        long iterations = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 100; i++)
            {
                var result = await executor.ExecuteAsync(request);
                using var stream = new MemoryStream();
                using var writer = new Utf8JsonWriter(stream, ExecutionResult.WriterOptions);
                result.WriteTo(writer);
            }

            iterations += 100;
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)iterations;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"distill-execute {Path.GetFileName(path)} ({bytes} chars of JSON): {iterations / elapsed:0} requests/s on one thread, {elapsed * 1e6 / iterations:0.0} µs each, {allocated / 1024:0.0} KiB allocated per request"));
    }
}
