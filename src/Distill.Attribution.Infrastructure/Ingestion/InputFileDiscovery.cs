using Distill.Attribution.Application.Ingestion.Reading;

namespace Distill.Attribution.Infrastructure.Ingestion;

/// <summary>
/// Turns the paths given to <c>distill ingest</c> into the files to read.
/// </summary>
/// <remarks>
/// A directory contributes every recognised file below it (recursively); an unrecognised file inside a
/// directory is only a warning, because directories often hold READMEs or checksums next to the data.
/// An unrecognised file named explicitly, or a path that does not exist, is a usage error: the caller
/// asked for something we cannot read, and silently skipping it would hide a typo.
/// Symbolic links to directories found while walking are not followed unless asked (a link loop would
/// make the walk endless); when followed, each real directory is walked once. Links to files are read.
/// The walk checks for cancellation at every directory.
/// A rejects report path equal to an input file or inside an input directory is a usage error: the report
/// is rewritten at the start of every run and would destroy (or be read as) input.
/// Files are ordered by kind (accounts, payments, sessions, requests, releases, indicators), then by
/// path (ordinal), so a run is reproducible and accounts land before the rows that name them.
/// </remarks>
public static class InputFileDiscovery
{
    private const int MaxDepth = 64;

    public static DiscoveredInputs Discover(IEnumerable<string> paths) => Discover(paths, new DiscoveryOptions(), CancellationToken.None);

    public static DiscoveredInputs Discover(IEnumerable<string> paths, DiscoveryOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        var files = new List<InputFile>();
        var warnings = new List<string>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rejects = options.RejectsPath is null ? null : Path.GetFullPath(options.RejectsPath);
        foreach (var path in paths)
        {
            ct.ThrowIfCancellationRequested();
            if (Directory.Exists(path))
            {
                if (rejects is not null && IsInside(rejects, Path.GetFullPath(path)))
                {
                    errors.Add($"{path}: the rejects report {options.RejectsPath} would be written inside this input directory; choose a --rejects path outside the inputs");
                    continue;
                }

                var inside = Walk(path, options.FollowDirectorySymlinks, warnings, ct);
                inside.Sort(StringComparer.Ordinal);
                foreach (var file in inside)
                {
                    var recognised = InputFile.TryRecognise(file);
                    if (recognised is null)
                    {
                        warnings.Add($"{file}: not a recognised input file name (expected <kind>[.-]...(.csv|.jsonl)[.gz]); skipped");
                    }
                    else if (seen.Add(Path.GetFullPath(file)))
                    {
                        files.Add(recognised);
                    }
                }
            }
            else if (File.Exists(path))
            {
                var recognised = InputFile.TryRecognise(path);
                if (rejects is not null && SameFile(rejects, path))
                {
                    errors.Add($"{path}: is also the rejects report path; the report would overwrite this input before it is read");
                }
                else if (recognised is null)
                {
                    errors.Add($"{path}: not a recognised input file name; the stem must be one of accounts, payments, sessions, requests, releases, indicators and the extension .csv or .jsonl, optionally .gz");
                }
                else if (seen.Add(Path.GetFullPath(path)))
                {
                    files.Add(recognised);
                }
            }
            else
            {
                errors.Add($"{path}: no such file or directory");
            }
        }

        // A stable sort: kind first (accounts before what names them), then path.
        var ordered = files
            .OrderBy(f => f.Kind)
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .ToArray();
        return new DiscoveredInputs(ordered, warnings, errors);
    }

    /// <summary>Every file below a directory, depth first; directory links followed only when asked, each real directory once.</summary>
    private static List<string> Walk(string root, bool followLinks, List<string> warnings, CancellationToken ct)
    {
        var files = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { RealPath(root) };
        var pending = new Stack<(string Directory, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var (directory, depth) = pending.Pop();
            if (depth > MaxDepth)
            {
                warnings.Add($"{directory}: more than {MaxDepth} directories deep; not walked");
                continue;
            }

            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions
                {
                    RecurseSubdirectories = false,
                    IgnoreInaccessible = false,
                    AttributesToSkip = 0,
                }).ToList();
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                warnings.Add($"{directory}: cannot be listed ({e.Message}); skipped");
                continue;
            }

            foreach (var entry in entries)
            {
                if (entry is DirectoryInfo sub)
                {
                    if (sub.LinkTarget is not null)
                    {
                        if (!followLinks)
                        {
                            warnings.Add($"{sub.FullName}: a symbolic link to a directory; not followed (name it as an input, or use --follow-symlinks)");
                            continue;
                        }

                        if (!visited.Add(RealPath(sub.FullName)))
                        {
                            warnings.Add($"{sub.FullName}: a symbolic link to a directory already walked (a loop or a second path); skipped");
                            continue;
                        }
                    }
                    else if (!visited.Add(RealPath(sub.FullName)))
                    {
                        continue;
                    }

                    pending.Push((sub.FullName, depth + 1));
                }
                else if (entry is FileInfo file)
                {
                    if (file.LinkTarget is not null && !File.Exists(file.FullName))
                    {
                        warnings.Add($"{file.FullName}: a broken symbolic link; skipped");
                        continue;
                    }

                    files.Add(Path.Join(directory, file.Name));
                }
            }
        }

        return files;
    }

    /// <summary>The path with every symbolic link resolved (the identity of a directory in a walk).</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var parts = full.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = Path.GetPathRoot(full) ?? "/";
        foreach (var part in parts)
        {
            current = Path.Join(current, part);
            for (var hops = 0; hops < 40; hops++)
            {
                var info = new DirectoryInfo(current);
                var target = info.LinkTarget;
                if (target is null)
                {
                    break;
                }

                current = Path.GetFullPath(target, Path.GetDirectoryName(current) ?? "/");
            }
        }

        return current;
    }

    private static bool IsInside(string file, string directory)
    {
        var real = RealPath(directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var realFile = RealFile(file);
        return realFile.StartsWith(real, StringComparison.Ordinal)
            || file.StartsWith(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static bool SameFile(string rejects, string input) =>
        string.Equals(RealFile(rejects), RealFile(input), StringComparison.Ordinal);

    /// <summary>A file's path with its directories' links and its own link (if any) resolved.</summary>
    private static string RealFile(string path)
    {
        var full = Path.GetFullPath(path);
        var real = Path.Join(RealPath(Path.GetDirectoryName(full) ?? "/"), Path.GetFileName(full));
        for (var hops = 0; hops < 40; hops++)
        {
            var target = new FileInfo(real).LinkTarget;
            if (target is null)
            {
                break;
            }

            var resolved = Path.GetFullPath(target, Path.GetDirectoryName(real) ?? "/");
            real = Path.Join(RealPath(Path.GetDirectoryName(resolved) ?? "/"), Path.GetFileName(resolved));
        }

        return real;
    }
}
