using System.Globalization;

namespace Distill.Attribution.Application.Evidence.VerifyEvidencePack;

/// <summary>
/// Reads a trusted-keys file (what <c>distill signing-key export-public</c> writes and a provider publishes): one
/// SHA-256 key fingerprint (64 hex digits, optionally prefixed "sha256:") as the first word of each line; the rest
/// of a line, blank lines and lines starting with # are ignored.
/// </summary>
public static class TrustedSigningKeys
{
    /// <summary>The fingerprints, lower case; <see cref="FormatException"/> naming the line when one is not a fingerprint, or when there is none.</summary>
    public static IReadOnlySet<string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fingerprints = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var word = line.Split((char[])[' ', '\t'], 2)[0];
            if (word.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase))
            {
                word = word["sha256:".Length..];
            }

            if (word.Length != 64 || !word.All(char.IsAsciiHexDigit))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {number} does not start with a SHA-256 fingerprint (64 hex digits)"));
            }

            fingerprints.Add(word.ToLowerInvariant());
        }

        return fingerprints.Count == 0 ? throw new FormatException("it lists no fingerprint") : fingerprints;
    }
}
