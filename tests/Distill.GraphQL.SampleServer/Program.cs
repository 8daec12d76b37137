using Distill.GraphQL.Http;
using Distill.GraphQL.SampleServer;

// A host for the conformance audit and the benchmark:
//   dotnet run --project tests/Distill.GraphQL.SampleServer -- --urls http://127.0.0.1:5080
//   dotnet run --project tests/Distill.GraphQL.SampleServer -- --parse-bench FILE [--seconds N]
//   dotnet run --project tests/Distill.GraphQL.SampleServer -- --execute-bench FILE [--seconds N]
if (args.Length >= 2 && args[0] == "--parse-bench")
{
    var seconds = args.Length >= 4 && args[2] == "--seconds" ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 3;
    ParseBenchmark.Run(args[1], seconds);
    return;
}

if (args.Length >= 2 && args[0] == "--execute-bench")
{
    var seconds = args.Length >= 4 && args[2] == "--seconds" ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 3;
    await ExecuteBenchmark.RunAsync(args[1], "{\"first\": 10}", seconds);
    return;
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddGraphQL(SampleSchema.Build(new SampleData()));
var app = builder.Build();
app.MapGraphQL("/graphql");
app.MapGet("/healthz", () => "ok");
app.Run();
