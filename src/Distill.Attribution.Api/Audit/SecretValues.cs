using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Distill.Attribution.Api.Audit;

/// <summary>
/// Finds secrets by their value, whatever the variable they came in: our API keys (<c>dk_&lt;id&gt;_&lt;secret&gt;</c>),
/// bearer-token and other long key shapes (<c>sk-...</c>, <c>Bearer ...</c>), and payment card numbers: 13 to 19
/// digits (any Unicode decimal digits) with any separators between them that pass the Luhn check.
/// </summary>
internal static partial class SecretValues
{
    public const string Redacted = "[redacted]";

    /// <summary>The text with every secret replaced by <see cref="Redacted"/>; the same text when none was found.</summary>
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = KeyShapes().Replace(text, Redacted);
        return ContainsCardNumber(result) ? RedactCardNumbers(result) : result;
    }

    /// <summary>Whether <paramref name="text"/> holds a Luhn-valid run of 13-19 digits, separators allowed between digits.</summary>
    public static bool ContainsCardNumber(string text) => DigitRuns(text).Any();

    private static string RedactCardNumbers(string text)
    {
        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var (start, length) in DigitRuns(text))
        {
            builder.Append(text, position, start - position).Append(Redacted);
            position = start + length;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>
    /// Card-number spans: maximal runs of digits joined by at most two separator characters each (space, NBSP, tab,
    /// '-', '.', '/', '_', ...: anything not a letter or digit) that hold 13-19 digits passing the Luhn check. A longer
    /// run (a hash, a big id) is not a card number; a 13-digit millisecond timestamp passes Luhn one time in ten and
    /// is then redacted too: the audit trail prefers losing a timestamp to keeping a card number.
    /// </summary>
    private static IEnumerable<(int Start, int Length)> DigitRuns(string text)
    {
        var i = 0;
        var digits = new List<(int Value, int Index)>(24);
        while (i < text.Length)
        {
            if (!IsDigit(text, i, out _))
            {
                i++;
                continue;
            }

            digits.Clear();
            var start = i;
            var end = i;
            var j = i;
            while (j < text.Length)
            {
                if (IsDigit(text, j, out var value))
                {
                    digits.Add((value, j));
                    end = j + 1;
                    j++;
                    continue;
                }

                // Up to two separators between digits (e.g. " - "), never a letter.
                var k = j;
                while (k < text.Length && k - j < 3 && !char.IsLetterOrDigit(text[k]) && !char.IsSurrogate(text[k]))
                {
                    k++;
                }

                if (k > j && k - j <= 2 && k < text.Length && IsDigit(text, k, out _))
                {
                    j = k;
                    continue;
                }

                break;
            }

            if (HasLuhnWindow(digits))
            {
                yield return (start, end - start);
            }

            i = Math.Max(end, i + 1);
        }
    }

    private static bool HasLuhnWindow(List<(int Value, int Index)> digits) =>
        digits.Count is >= 13 and <= 19 && Luhn(digits, 0, digits.Count);

    private static bool Luhn(List<(int Value, int Index)> digits, int from, int length)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = from + length - 1; i >= from; i--)
        {
            var d = digits[i].Value;
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>Any Unicode decimal digit (ASCII, full-width, Arabic-Indic, ...).</summary>
    private static bool IsDigit(string text, int index, out int value)
    {
        var c = text[index];
        if (char.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber)
        {
            value = (int)char.GetNumericValue(c);
            return value is >= 0 and <= 9;
        }

        value = -1;
        return false;
    }

    /// <summary>Our keys, bearer tokens and common vendor key prefixes followed by a long random-looking tail.</summary>
    [GeneratedRegex(@"dk_[0-9a-f]{6,}_[A-Za-z0-9_\-]{16,}|(?i:bearer)\s+[A-Za-z0-9._~+/=\-]{16,}|\b(?:sk|pk|rk|ghp|gho|xox[bpas]|AKIA)[-_]?[A-Za-z0-9_\-]{16,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex KeyShapes();
}
