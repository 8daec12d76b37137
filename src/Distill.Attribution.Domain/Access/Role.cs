namespace Distill.Attribution.Domain.Access;

/// <summary>
/// The roles an API key can hold. Each role can do everything the one before it can:
/// investigator (read) &lt; analyst (+ verdicts, overrides, detection runs) &lt; legal (+ evidence packs)
/// &lt; admin (+ keys, audit).
/// </summary>
#pragma warning disable CA1028 // Stored as its byte value; the order is the privilege order.
public enum Role : byte
{
    Investigator = 1,
    Analyst = 2,
    Legal = 3,
    Admin = 4,
}
#pragma warning restore CA1028
