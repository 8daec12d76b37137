using System.Globalization;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// The lines <c>detect</c> prints under a flagged cluster, written for a person: indicators grouped by kind with
/// a few values each ("ip 73.12.40.36, 2.205.83.193 and 27 more"), hashes shortened to their first 8 hex digits
/// (the full values are in <c>export-clusters</c> and the evidence pack), and counts with correct plurals.
/// </summary>
internal static class EvidenceSummary
{
    private const int ValuesShown = 3;
    private const int HexShown = 8;

    public static string Plural(long count, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? one : many ?? one + "s")}");

    /// <summary>"operator op-x by 2 independent kinds: email_domain tmpbox.net (conf 0.65, 4 members); ip ... ".</summary>
    public static string Operator(string operatorId, int independentKinds, IEnumerable<MatchedIndicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var groups = indicators.GroupBy(i => i.Kind, StringComparer.Ordinal).Select(Group);
        return $"operator {operatorId} by {Plural(independentKinds, "independent kind")}: {string.Join("; ", groups)}";
    }

    /// <summary>"lockstep ×31, co_use ×17".</summary>
    public static string Links(IEnumerable<string> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return string.Join(", ", rules.GroupBy(r => r, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} ×{g.Count():N0}")));
    }

    private static string Group(IGrouping<string, MatchedIndicator> group)
    {
        var all = group.ToList();
        var shown = string.Join(", ", all.Take(ValuesShown).Select(i => Shorten(i.Value)));
        if (all.Count > ValuesShown)
        {
            shown += string.Create(CultureInfo.InvariantCulture, $" and {all.Count - ValuesShown:N0} more");
        }

        var confidence = Range(all.Min(i => i.Confidence), all.Max(i => i.Confidence), "F2");
        var minMembers = all.Min(i => i.MatchedMembers);
        var maxMembers = all.Max(i => i.MatchedMembers);
        var members = minMembers == maxMembers
            ? Plural(minMembers, "member") + (all.Count > 1 ? " each" : "")
            : string.Create(CultureInfo.InvariantCulture, $"{minMembers:N0}–{maxMembers:N0} members each");
        return $"{group.Key} {shown} (conf {confidence}, {members})";
    }

    private static string Range(double min, double max, string format) =>
        min.ToString(format, CultureInfo.InvariantCulture) == max.ToString(format, CultureInfo.InvariantCulture)
            ? min.ToString(format, CultureInfo.InvariantCulture)
            : $"{min.ToString(format, CultureInfo.InvariantCulture)}–{max.ToString(format, CultureInfo.InvariantCulture)}";

    /// <summary>A hash (optionally with a short prefix such as <c>pf_</c>) becomes its first 8 hex digits and "…"; anything else is kept.</summary>
    internal static string Shorten(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var underscore = value.IndexOf('_', StringComparison.Ordinal);
        var prefix = underscore is > 0 and <= 4 ? value[..(underscore + 1)] : string.Empty;
        var digits = value.AsSpan(prefix.Length);
        return digits.Length >= 2 * HexShown && digits.ContainsOnlyHex()
            ? string.Concat(prefix, digits[..HexShown], "…")
            : value;
    }

    private static bool ContainsOnlyHex(this ReadOnlySpan<char> text)
    {
        foreach (var ch in text)
        {
            if (!char.IsAsciiHexDigit(ch))
            {
                return false;
            }
        }

        return true;
    }
}
