using System.Security.Cryptography;
using System.Text;

namespace Distill.Attribution.Infrastructure.Live;

/// <summary>
/// A folder the platform drops batches into (docs/data-contract.md, "Live inboxes"). A batch is one top-level file
/// or directory. It is taken when it is ready: a <c>NAME.ready</c> marker beside it, or nothing in it modified for
/// the settle time; names starting with <c>.</c> or <c>_</c> and ending in <c>.tmp</c>, <c>.part</c> or <c>.ready</c>
/// are never taken. A batch is claimed by an atomic rename into <c>processing/</c> (two watchers cannot both get
/// it) and moved to <c>done/</c> once ingested, detected and alerted on. What is still in <c>processing/</c> after a
/// crash is resumed first; ingest is idempotent, so a resumed batch neither loses nor doubles a row.
/// </summary>
public sealed class LiveInbox
{
    public const string ProcessingFolder = "processing";
    public const string DoneFolder = "done";
    public const string ReadyMarker = ".ready";

    private readonly TimeSpan _settle;
    private readonly TimeProvider _clock;

    public LiveInbox(string path, TimeSpan settle, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _settle = settle;
        _clock = clock;
        Directory.CreateDirectory(System.IO.Path.Combine(Path, ProcessingFolder));
        Directory.CreateDirectory(System.IO.Path.Combine(Path, DoneFolder));
    }

    public string Path { get; }

    /// <summary>Batches claimed by an earlier process that did not finish them, in name order.</summary>
    public IReadOnlyList<string> Unfinished() => Entries(System.IO.Path.Combine(Path, ProcessingFolder)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Batches ready to be claimed, in name order.</summary>
    public IReadOnlyList<string> Ready()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return Entries(Path)
            .Where(e => System.IO.Path.GetFileName(e) is not (ProcessingFolder or DoneFolder))
            .Where(e => File.Exists(e + ReadyMarker) || now - LastWrite(e) >= _settle)
            .Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Claims a ready batch: its path under <c>processing/</c>, or null when another process took it first.</summary>
    public string? Claim(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var target = System.IO.Path.Combine(Path, ProcessingFolder, System.IO.Path.GetFileName(entry));
        try
        {
            if (Directory.Exists(entry))
            {
                Directory.Move(entry, target);
            }
            else
            {
                File.Move(entry, target, overwrite: false);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone (claimed by another watcher) or a batch of that name is already being processed
        }

        File.Delete(entry + ReadyMarker);
        return target;
    }

    /// <summary>Moves a processed batch to <c>done/</c> (with a numeric suffix when the name is taken).</summary>
    public string Complete(string claimed)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var name = System.IO.Path.GetFileName(claimed);
        var target = System.IO.Path.Combine(Path, DoneFolder, name);
        for (var n = 1; File.Exists(target) || Directory.Exists(target); n++)
        {
            target = System.IO.Path.Combine(Path, DoneFolder, $"{name}.{n}");
        }

        if (Directory.Exists(claimed))
        {
            Directory.Move(claimed, target);
        }
        else
        {
            File.Move(claimed, target);
        }

        return target;
    }

    /// <summary>SHA-256 over a batch's files (relative name and bytes, in name order): with the name, the batch's identity.</summary>
    public static string ContentHash(string batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.Exists(batch)
            ? Directory.EnumerateFiles(batch, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : [batch];
        var buffer = new byte[1 << 16];
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(System.IO.Path.GetRelativePath(batch, file) + "\n"));
            using var stream = File.OpenRead(file);
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer.AsSpan(0, read));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static IEnumerable<string> Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Where(e => IsBatchName(System.IO.Path.GetFileName(e)));

    private static bool IsBatchName(string name) =>
        name.Length > 0 && name[0] is not ('.' or '_')
        && !name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
        && !name.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
        && !name.EndsWith(ReadyMarker, StringComparison.OrdinalIgnoreCase);

    private static DateTime LastWrite(string entry)
    {
        if (!Directory.Exists(entry))
        {
            return File.GetLastWriteTimeUtc(entry);
        }

        var latest = Directory.GetLastWriteTimeUtc(entry);
        foreach (var file in Directory.EnumerateFileSystemEntries(entry, "*", SearchOption.AllDirectories))
        {
            var t = File.GetLastWriteTimeUtc(file);
            if (t > latest)
            {
                latest = t;
            }
        }

        return latest;
    }
}
