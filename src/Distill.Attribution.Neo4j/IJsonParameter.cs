using System.Text.Json;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// A parameter value that writes its own JSON, e.g. the 10k rows of an ingest batch written straight from
/// the records without a dictionary per row. Must write the same JSON every time (retries replay it).
/// </summary>
internal interface IJsonParameter
{
    void WriteTo(Utf8JsonWriter writer);
}
