namespace Distill.GraphQL.Language;

/// <summary>The block string value algorithm of the specification: common indentation and blank edge lines removed.</summary>
internal static class BlockString
{
    public static string Dedent(string raw)
    {
        var lines = SplitLines(raw);
        int? common = null;
        for (var i = 1; i < lines.Count; i++)
        {
            var line = lines[i];
            var indent = LeadingWhitespace(line);
            if (indent < line.Length && (common is null || indent < common))
            {
                common = indent;
            }
        }

        if (common is > 0)
        {
            for (var i = 1; i < lines.Count; i++)
            {
                lines[i] = lines[i].Length <= common.Value ? string.Empty : lines[i][common.Value..];
            }
        }

        var first = 0;
        while (first < lines.Count && IsBlank(lines[first]))
        {
            first++;
        }

        var last = lines.Count - 1;
        while (last >= first && IsBlank(lines[last]))
        {
            last--;
        }

        return first > last ? string.Empty : string.Join('\n', lines.GetRange(first, last - first + 1));
    }

    /// <summary>Prints a string as a block string literal (used by the printer for descriptions).</summary>
    public static string Print(string value)
    {
        var escaped = value.Replace("\"\"\"", "\\\"\"\"", StringComparison.Ordinal);
        return value.Contains('\n', StringComparison.Ordinal) || value.EndsWith('"') || value.EndsWith('\\')
            ? "\"\"\"\n" + escaped + "\n\"\"\""
            : "\"\"\"" + escaped + "\"\"\"";
    }

    private static List<string> SplitLines(string raw)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\r' || raw[i] == '\n')
            {
                lines.Add(raw[start..i]);
                if (raw[i] == '\r' && i + 1 < raw.Length && raw[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add(raw[start..]);
        return lines;
    }

    private static int LeadingWhitespace(string line)
    {
        var i = 0;
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t'))
        {
            i++;
        }

        return i;
    }

    private static bool IsBlank(string line) => LeadingWhitespace(line) == line.Length;
}
