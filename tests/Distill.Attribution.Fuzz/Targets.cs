using System.Text;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.EvidencePacks;
using Distill.GraphQL.Execution;
using Distill.GraphQL.Language;
using Distill.GraphQL.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Fuzz;

/// <summary>
/// The fuzzing targets. Each must never let an exception escape for any input, except the documented ones a caller
/// handles (a bad file header); anything else is a finding. Small limits keep each run fast.
/// </summary>
internal static class Targets
{
    private static readonly ReaderOptions SmallReader = new() { MaxRowBytes = 4096, InitialBufferBytes = 256 };
    private static readonly Lazy<GraphQLExecutor> Executor = new(() => new TestSchema().Executor(new GraphQLExecutionOptions
    {
        Timeout = TimeSpan.FromSeconds(2),
        MaxTokens = 2000,
    }));

    private static readonly Lazy<IEvidencePackVerifier> Verifier = new(() =>
        new ServiceCollection().AddAttributionEvidencePacks().BuildServiceProvider().GetRequiredService<IEvidencePackVerifier>());

    public static IReadOnlyDictionary<string, Action<Stream>> All { get; } = new Dictionary<string, Action<Stream>>(StringComparer.Ordinal)
    {
        ["csv"] = s => Rows(s, (stream, schema) => CsvRowReader.Open(stream, schema, SmallReader)),
        ["jsonl"] = s => Rows(s, (stream, schema) => JsonLinesRowReader.Open(stream, schema, SmallReader)),
        ["graphql"] = GraphQL,
        ["zip"] = Zip,
    };

    /// <summary>First byte: the record kind; the rest: the file. Reads every row and every field of it.</summary>
    private static void Rows(Stream input, Func<Stream, RecordSchema, IRowReader> open)
    {
        var kind = input.ReadByte();
        var schema = RecordSchema.For((RecordKind)(Math.Max(0, kind) % 6));
        using var file = new MemoryStream();
        input.CopyTo(file);
        file.Position = 0;
        IRowReader reader;
        try
        {
            reader = open(file, schema);
        }
        catch (InputFileException)
        {
            return; // A bad header: reported to the user, the file is skipped.
        }

        using (reader)
        {
            var row = new RawRow(schema.Count);
            var rows = 0;
            while (reader.ReadRow(row) && rows++ < 100_000)
            {
                if (row.HasError)
                {
                    continue;
                }

                for (var slot = 0; slot < row.SlotCount; slot++)
                {
                    if (row.Has(slot))
                    {
                        _ = Encoding.UTF8.GetString(row.Get(slot));
                    }
                }
            }
        }
    }

    /// <summary>The input as a document: parse, print and re-parse (must agree), then validate and execute.</summary>
    private static void GraphQL(Stream input)
    {
        using var reader = new StreamReader(input, Encoding.UTF8);
        var text = reader.ReadToEnd();
        DocumentNode? document = null;
        try
        {
            document = Parser.Parse(text, maxTokens: 2000);
        }
        catch (GraphQLSyntaxException)
        {
        }

        // Type-system definitions are printed as comments by design (the engine executes only operations), so only
        // executable documents must survive printing and parsing again.
        if (document is not null && !document.Definitions.Any(d => d is TypeSystemDefinitionNode))
        {
            var printed = Printer.Print(document);
            var again = Printer.Print(Parser.Parse(printed));
            if (!string.Equals(printed, again, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("printing a parsed document and parsing it again changed it");
            }
        }

        var result = Executor.Value.ExecuteAsync(new GraphQLRequest { Query = text }).GetAwaiter().GetResult();
        _ = result.ToJson();
    }

    /// <summary>The input as an evidence pack: verify-pack must name its problems, never throw.</summary>
    private static void Zip(Stream input)
    {
        var path = Path.Combine(Path.GetTempPath(), $"distill-fuzz-{Environment.ProcessId}.zip");
        using (var file = File.Create(path))
        {
            input.CopyTo(file);
        }

        try
        {
            _ = Verifier.Value.VerifyAsync(path, CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
