namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>A file-level error (bad header, truncated gzip, unreadable file): the rest of the file is not read.</summary>
public sealed class InputFileException : Exception
{
    public InputFileException()
    {
    }

    public InputFileException(string message)
        : base(message)
    {
    }

    public InputFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InputFileException(string message, string? field, long line)
        : base(message)
    {
        Field = field;
        Line = line;
    }

    /// <summary>The column concerned, if any.</summary>
    public string? Field { get; }

    /// <summary>The 1-based line, or 0 when the whole file is concerned.</summary>
    public long Line { get; }
}
