namespace Distill.Attribution.Application.Tests.Ingestion.Reading;

/// <summary>One row as read: values by field name, or the reader's reject.</summary>
internal sealed record ReadRow(long Line, Dictionary<string, string> Values, string? ErrorField, string? ErrorReason);
