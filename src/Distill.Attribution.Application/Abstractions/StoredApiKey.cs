using Distill.Attribution.Domain.Access;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>What the store keeps of an API key: never the key itself.</summary>
public sealed record StoredApiKey(string KeyId, string Hash, Role Role, DateTimeOffset CreatedAt, string? Label);
