using System.Collections;

namespace Distill.Attribution.Application.Ingestion.IngestFiles;

/// <summary>A typed read-only view of a list of records of one kind, so a batch is handed over without a copy.</summary>
internal sealed class RecordList<T>(List<object> rows) : IReadOnlyList<T>
    where T : class
{
    public int Count => rows.Count;

    public T this[int index] => (T)rows[index];

    public IEnumerator<T> GetEnumerator()
    {
        foreach (var row in rows)
        {
            yield return (T)row;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
