namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>The two encodings of the contract; either may be gzip-compressed.</summary>
public enum InputFormat
{
    Csv,
    JsonLines,
}
