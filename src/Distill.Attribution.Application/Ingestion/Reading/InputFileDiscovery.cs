namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>
/// Turns the paths given to <c>distill ingest</c> into the files to read.
/// </summary>
/// <remarks>
/// A directory contributes every recognised file below it (recursively); an unrecognised file inside a
/// directory is only a warning, because directories often hold READMEs or checksums next to the data.
/// An unrecognised file named explicitly, or a path that does not exist, is a usage error: the caller
/// asked for something we cannot read, and silently skipping it would hide a typo.
/// Files are ordered by kind (accounts, payments, sessions, requests, releases, indicators), then by
/// path (ordinal), so a run is reproducible and accounts land before the rows that name them.
/// </remarks>
public static class InputFileDiscovery
{
    public static DiscoveredInputs Discover(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<InputFile>();
        var warnings = new List<string>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var inside = Directory.GetFiles(path, "*", SearchOption.AllDirectories);
                Array.Sort(inside, StringComparer.Ordinal);
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
                if (recognised is null)
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
}
