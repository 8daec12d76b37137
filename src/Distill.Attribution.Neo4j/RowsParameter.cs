using System.Text.Json;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// The <c>$rows</c> list of one statement: a slice of records written as JSON objects by
/// <paramref name="writeRow"/>, which gets the record and its offset within the whole batch.
/// </summary>
internal sealed class RowsParameter<T>(IReadOnlyList<T> items, int start, int count, Action<Utf8JsonWriter, T, int> writeRow) : IJsonParameter
{
    public int Count => count;

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        for (var i = start; i < start + count; i++)
        {
            writer.WriteStartObject();
            writeRow(writer, items[i], i);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
