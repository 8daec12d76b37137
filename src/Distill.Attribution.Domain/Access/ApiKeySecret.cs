using System.Security.Cryptography;
using System.Text;

namespace Distill.Attribution.Domain.Access;

/// <summary>
/// An API key as handed to its holder once: <c>dk_&lt;id&gt;_&lt;secret&gt;</c>. Only the id and the SHA-256 of
/// the whole key are ever stored. A plain hash (no salt, no stretching) is enough because the secret is
/// 256 random bits, not a password a person chose.
/// </summary>
public sealed class ApiKeySecret
{
    private const string Prefix = "dk_";

    private ApiKeySecret(string keyId, string text)
    {
        KeyId = keyId;
        Text = text;
    }

    /// <summary>The public part, safe to log and to show in the audit trail.</summary>
    public string KeyId { get; }

    /// <summary>The whole key: print once, never store, never log.</summary>
    public string Text { get; }

    public static ApiKeySecret Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return new ApiKeySecret(id, $"{Prefix}{id}_{secret}");
    }

    /// <summary>Splits a presented key into its id and checks its shape; false for anything malformed.</summary>
    public static bool TryParse(string? presented, out ApiKeySecret key)
    {
        key = null!;
        if (presented is null || presented.Length > 200 || !presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = presented.AsSpan(Prefix.Length);
        var split = rest.IndexOf('_');
        if (split != 12 || rest.Length <= split + 1)
        {
            return false;
        }

        key = new ApiKeySecret(rest[..split].ToString(), presented);
        return true;
    }

    /// <summary>The stored form: hex SHA-256 of the whole key.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));

    /// <summary>Constant-time comparison with a stored hash.</summary>
    public bool Matches(string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash()), Encoding.ASCII.GetBytes(storedHash));
    }

    public override string ToString() => $"{Prefix}{KeyId}_…"; // never the secret

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
