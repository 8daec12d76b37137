namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// The rejects report of one ingest: one entry per rejected row or failed file, with <c>file</c>, <c>line</c>,
/// <c>field</c> and <c>reason</c>. Reasons never carry field values, so the report is safe to share. Written from
/// one thread.
/// </summary>
public interface IRejectsReport : IDisposable
{
    /// <summary>Entries added so far.</summary>
    long Count { get; }

    /// <summary>Adds one entry; <paramref name="field"/> is null when the problem is not one field's.</summary>
    void Add(string file, long line, string? field, string reason);
}
