namespace Distill.Attribution.Application.Accounts;

/// <summary>A name (model, capability) with how many requests carry it.</summary>
public sealed record NamedCount(string Name, long Count);
