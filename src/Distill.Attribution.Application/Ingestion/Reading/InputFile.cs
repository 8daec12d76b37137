using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>A recognised input file: its record kind and encoding come from its name.</summary>
public sealed record InputFile(string Path, RecordKind Kind, InputFormat Format, bool Gzip)
{
    /// <summary>
    /// Recognises a file name: the stem (before the first <c>.</c> or <c>-</c>) names the kind, the
    /// extension is <c>.csv</c> or <c>.jsonl</c>, optionally followed by <c>.gz</c>.
    /// </summary>
    public static InputFile? TryRecognise(string path)
    {
        var name = System.IO.Path.GetFileName(path.AsSpan());
        var stemEnd = name.IndexOfAny('.', '-');
        if (stemEnd <= 0 || !ContractNames.TryParse(name[..stemEnd], out RecordKind kind))
        {
            return null;
        }

        var gzip = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        var rest = gzip ? name[..^3] : name;
        InputFormat format;
        if (rest.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            format = InputFormat.Csv;
        }
        else if (rest.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            format = InputFormat.JsonLines;
        }
        else
        {
            return null;
        }

        return new InputFile(path, kind, format, gzip);
    }
}
