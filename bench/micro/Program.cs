using BenchmarkDotNet.Running;
using Distill.Bench.Micro;

// dotnet run -c Release --project bench/micro -- --filter '*'     (BenchmarkDotNet's own arguments)
// dotnet run -c Release --project bench/micro -- components-once [random|hubs|sparse]
//     one timed run of each connected-components variant (Stopwatch), for the cases too slow to repeat
if (args is ["components-once", .. var shapes])
{
    ConnectedComponentsBenchmarks.RunOnce(shapes.Length > 0 ? shapes : ["random", "hubs", "sparse"]);
    return;
}

// dotnet run -c Release --project bench/micro -- csv-malformed
//     what our CSV reader and Sep each make of one malformed row among good ones (decision on the CSV reader)
if (args is ["csv-malformed"])
{
    CsvMalformedInputs.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RequestIdHashBenchmarks).Assembly).Run(args);
