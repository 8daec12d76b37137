using System.Globalization;

namespace Distill.Attribution.EvidencePacks;

/// <summary>Culture-free formatting shared by every pack file, so the bytes never depend on the machine.</summary>
internal static class PackText
{
    /// <summary>RFC 3339 UTC with milliseconds (what STIX 2.1 timestamps look like).</summary>
    public static string Time(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Number(double x, string format = "0.###") => x.ToString(format, CultureInfo.InvariantCulture);

    public static string Int(long x) => x.ToString(CultureInfo.InvariantCulture);

    /// <summary>A CSV field, quoted when it holds a separator, quote or line break.</summary>
    public static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    /// <summary>
    /// A CSV field for a spreadsheet user: a cell that starts with <c>= + - @</c>, tab or carriage return is read
    /// by Excel, LibreOffice and Sheets as a formula (<c>=HYPERLINK(...)</c> in an org name runs when the lawyer
    /// opens members.csv), so it gets a leading apostrophe and is quoted, OWASP's rule for CSV injection. The
    /// apostrophe shows; the original value is in evidence.json and sources/accounts.jsonl unchanged.
    /// </summary>
    public static string CsvCell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            ? $"\"'{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : Csv(value);
    }
}
