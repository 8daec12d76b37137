using System.Globalization;
using System.Text;

namespace Distill.Attribution.Cli;

/// <summary>
/// Makes text from outside (file names, messages quoting them) safe to print on a terminal: control
/// characters (C0, DEL, C1, which carry escape sequences that can recolour, retitle or rewrite the
/// screen) and the bidirectional overrides (which reorder what is shown) are written as visible
/// <c>\xNN</c> or <c>\uNNNN</c> escapes instead.
/// </summary>
internal static class ConsoleText
{
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var clean = true;
        foreach (var ch in text)
        {
            if (IsUnsafe(ch))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            if (!IsUnsafe(ch))
            {
                builder.Append(ch);
            }
            else if (ch <= 0xFF)
            {
                builder.Append("\\x").Append(((int)ch).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static bool IsUnsafe(char ch) =>
        ch < 0x20 || ch is >= '\u007f' and <= '\u009f'
        || ch is >= '\u202a' and <= '\u202e' || ch is >= '\u2066' and <= '\u2069'
        || ch is '\u200e' or '\u200f' or '\u061c';
}
