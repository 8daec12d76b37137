namespace Distill.Attribution.Application.Detection.EvaluateRun;

/// <summary>Reads a ground-truth CSV (header row naming account_id, label, operator_id, kind in any order).</summary>
public static class TruthFile
{
    public static IReadOnlyList<TruthRow> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine() ?? throw new FormatException("The truth file is empty.");
        var names = Split(header);
        int account = Column(names, "account_id"), label = Column(names, "label"), op = Column(names, "operator_id"), kind = Column(names, "kind");
        var rows = new List<TruthRow>();
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var fields = Split(text);
            if (fields.Length < names.Length)
            {
                throw new FormatException($"Truth file line {line}: {fields.Length} fields, expected {names.Length}.");
            }

            var isFraud = fields[label] switch
            {
                "fraud" => true,
                "legit" => false,
                _ => throw new FormatException($"Truth file line {line}: label '{fields[label]}' is neither fraud nor legit."),
            };
            rows.Add(new TruthRow(fields[account], isFraud, fields[op].Length == 0 ? null : fields[op], fields[kind]));
        }

        return rows;
    }

    private static int Column(string[] names, string name)
    {
        var i = Array.IndexOf(names, name);
        return i >= 0 ? i : throw new FormatException($"The truth file has no '{name}' column.");
    }

    // Truth files hold ids and enum-like labels, never commas or quotes inside a field; quotes are stripped.
    private static string[] Split(string line) => line.Split(',').Select(f => f.Trim().Trim('"')).ToArray();
}
