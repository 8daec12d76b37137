namespace Distill.Attribution.Application.Tests.Ingestion.Reading;

/// <summary>Every row of a file, its warnings, and whether it was empty.</summary>
internal sealed record ReadRows(List<ReadRow> Rows, List<string> Warnings, bool IsEmpty);
