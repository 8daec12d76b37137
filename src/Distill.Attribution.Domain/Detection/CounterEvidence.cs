namespace Distill.Attribution.Domain.Detection;

/// <summary>Something that speaks against the cluster being one operator (a widely shared IP, an own-organisation card ...).</summary>
public sealed record CounterEvidence(string Kind, string Subject, string Summary, int Count);
