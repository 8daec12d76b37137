using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Distill.Attribution.Domain.Audit;

namespace Distill.Attribution.Sqlite.Access;

/// <summary>
/// The audit trail's anchor outside the database: a one-line file with the entry count, the head entry's hash and an
/// HMAC-SHA256 of both under a key kept in another file (created on the first append, readable by the owner only).
/// Rewritten (write to a temporary file, then rename) after every committed append. Someone who can edit the database
/// but not the key cannot delete the tail, empty the trail or recompute the chain after an edit without
/// <c>audit verify</c> noticing. Keep the key elsewhere than the database (<see cref="SqliteStoreOptions.AuditKeyPath"/>)
/// for that to hold against someone who holds the database's folder.
/// </summary>
internal sealed class AuditAnchorFile(string anchorPath, string keyPath)
{
    private const string Version = "distill-audit-anchor-v1";

    /// <summary>Records <paramref name="head"/> as the last entry, unless the anchor already records a later one (another process).</summary>
    public void Record(AuditEntry head)
    {
        var key = LoadOrCreateKey();
        var current = Read();
        if (current.State == AuditAnchorState.Valid && current.Sequence >= head.Sequence)
        {
            return;
        }

        var line = string.Create(CultureInfo.InvariantCulture, $"{Version} {head.Sequence} {head.Hash} {Mac(key, head.Sequence, head.Hash)}\n");
        var temporary = anchorPath + ".tmp";
        File.WriteAllText(temporary, line);
        File.Move(temporary, anchorPath, overwrite: true);
    }

    public AuditAnchor Read()
    {
        var hasKey = File.Exists(keyPath);
        var hasAnchor = File.Exists(anchorPath);
        if (!hasKey && !hasAnchor)
        {
            return new AuditAnchor(AuditAnchorState.None, 0, null, null);
        }

        if (!hasKey)
        {
            return new AuditAnchor(AuditAnchorState.Invalid, 0, null, $"the anchor key {keyPath} is missing");
        }

        if (!hasAnchor)
        {
            return new AuditAnchor(AuditAnchorState.Invalid, 0, null, $"the anchor file {anchorPath} is missing");
        }

        var parts = File.ReadAllText(anchorPath).Trim().Split(' ');
        if (parts.Length != 4 || parts[0] != Version || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return new AuditAnchor(AuditAnchorState.Invalid, 0, null, "the anchor file is malformed");
        }

        var expected = Mac(ReadKey(), sequence, parts[2]);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[3]))
            ? new AuditAnchor(AuditAnchorState.Valid, sequence, parts[2], null)
            : new AuditAnchor(AuditAnchorState.Invalid, sequence, parts[2], "its authentication code does not match (edited, or made with another key)");
    }

    private byte[] LoadOrCreateKey()
    {
        if (File.Exists(keyPath))
        {
            return ReadKey();
        }

        if (File.Exists(anchorPath))
        {
            // Fail closed: a new key would make a deleted key (and whatever it hid) look legitimate.
            throw new InvalidOperationException($"The audit anchor key {keyPath} is missing while the anchor {anchorPath} exists; restore the key.");
        }

        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(keyPath, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToHexStringLower(key));
        }

        return key;
    }

    private byte[] ReadKey() => Convert.FromHexString(File.ReadAllText(keyPath).Trim());

    private static string Mac(byte[] key, long sequence, string headHash) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{Version}|{sequence}|{headHash}"))));
}
