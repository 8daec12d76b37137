namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>Reads rows of one file into a reused <see cref="RawRow"/>.</summary>
internal interface IRowReader : IDisposable
{
    /// <summary>Warnings about the file (unknown columns), each at most once.</summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>Whether the file held no bytes at all (no header, no rows).</summary>
    bool IsEmpty { get; }

    /// <summary>
    /// Reads the next row. False at the end of the file. A row the reader cannot split is returned with
    /// <see cref="RawRow.HasError"/> set; a file-level problem throws <see cref="InputFileException"/>.
    /// </summary>
    bool ReadRow(RawRow row);
}
