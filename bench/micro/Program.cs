using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/micro -- --filter '*'     (BenchmarkDotNet's own arguments)
BenchmarkSwitcher.FromAssembly(typeof(Distill.Bench.Micro.RequestIdHashBenchmarks).Assembly).Run(args);
