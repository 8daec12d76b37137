using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Distill.Attribution.Domain.Audit;

namespace Distill.Attribution.Sqlite.Access;

/// <summary>
/// The audit trail's anchor outside the database: a one-line file with the entry count, the head entry's hash and an
/// HMAC-SHA256 of both under a key kept in another file (created on the first append, readable by the owner only).
/// Updated after every committed append by overwriting its one fixed-size record in place (<see cref="RecordBytes"/>
/// bytes, the line padded with spaces): no new file, no rename, no change of size, so an append costs one small write
/// into a page the kernel already holds. Replacing the file by rename on every append stalled audited requests for
/// 10-60 ms while an ingest was writing to the same file system (the rename waits for the file system's journal and
/// starts writeback of the new file behind the ingest's; docs/benchmarks.md). Only the first record, and an anchor
/// left by an older version (one unpadded line), is written whole to a temporary file and renamed into place. The
/// record lies in the file's first 512-byte sector, so a crash leaves the previous record or the new one; a reader in
/// another process that meets a record being overwritten reads again. Someone who can edit the database
/// but not the key cannot delete the tail, empty the trail or recompute the chain after an edit without
/// <c>audit verify</c> noticing. Keep the key elsewhere than the database (<see cref="SqliteStoreOptions.AuditKeyPath"/>)
/// for that to hold against someone who holds the database's folder.
/// </summary>
internal sealed class AuditAnchorFile(string anchorPath, string keyPath)
{
    private const string Version = "distill-audit-anchor-v1";

    /// <summary>The anchor file's size: one record, padded; within the first sector of the file.</summary>
    internal const int RecordBytes = 256;

    private static readonly TimeSpan TornReadPause = TimeSpan.FromMilliseconds(20);

    /// <summary>Records <paramref name="head"/> as the last entry, unless the anchor already records a later one (another process).</summary>
    public void Record(AuditEntry head)
    {
        var key = LoadOrCreateKey();
        var current = ReadOnce();
        if (current.State == AuditAnchorState.Valid && current.Sequence >= head.Sequence)
        {
            return;
        }

        var line = string.Create(CultureInfo.InvariantCulture, $"{Version} {head.Sequence} {head.Hash} {Mac(key, head.Sequence, head.Hash)}");
        var record = Encoding.ASCII.GetBytes(line.PadRight(RecordBytes - 1) + "\n");
        if (record.Length != RecordBytes)
        {
            throw new InvalidOperationException($"An audit anchor record is {record.Length} bytes, more than {RecordBytes}.");
        }

        if (new FileInfo(anchorPath) is { Exists: true, Length: RecordBytes })
        {
            using var handle = File.OpenHandle(anchorPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            RandomAccess.Write(handle, record, fileOffset: 0);
            return;
        }

        var temporary = anchorPath + ".tmp";
        File.WriteAllBytes(temporary, record);
        File.Move(temporary, anchorPath, overwrite: true);
    }

    /// <summary>The anchor as read, once more if the first read met a record being overwritten by another process.</summary>
    public AuditAnchor Read()
    {
        var anchor = ReadOnce();
        if (anchor.State != AuditAnchorState.Invalid)
        {
            return anchor;
        }

        // Another process may have been overwriting the record at that instant: a torn read is not tampering.
        Thread.Sleep(TornReadPause);
        return ReadOnce();
    }

    private AuditAnchor ReadOnce()
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
