using Distill.Attribution.Domain.Access;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// What the store keeps of an API key: never the key itself. <see cref="Holder"/> names the person who holds it
/// (required for the legal and admin roles since migration 0006; null for keys made before).
/// </summary>
public sealed record StoredApiKey(string KeyId, string Hash, Role Role, DateTimeOffset CreatedAt, string? Label, string? Holder = null);
