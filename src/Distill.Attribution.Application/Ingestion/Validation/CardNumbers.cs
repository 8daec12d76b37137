using System.Buffers;
using System.Globalization;
using System.Text;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>
/// Finds a raw card number (PAN) anywhere in a value, however it is written: ASCII or any Unicode
/// decimal digits (full-width, Arabic-Indic, Devanagari, ...), grouped by any separator (spaces of any
/// kind including NBSP, tab, <c>. / _ , -</c>, Unicode dashes, zero-width characters), behind a prefix
/// such as <c>card:</c>, or as a JSON number. A candidate is a run of digit groups joined by separators
/// that is not glued to a letter (so a hex hash, whose digits sit between the letters a-f, is not a
/// candidate); any consecutive groups of the run holding 13-19 digits that pass the Luhn check are a card
/// number. Such a value is rejected and never stored or echoed.
/// </summary>
/// <remarks>
/// The price is a false positive on about one in ten numeric values of 13-19 digits standing alone (an
/// all-digit id of that length passes Luhn by chance): such a row is rejected with a reason saying why,
/// which is preferable to storing a card number. A PAN glued to letters (<c>x4111...</c>) is not found.
/// </remarks>
internal static class CardNumbers
{
    private const int MinDigits = 13;
    private const int MaxDigits = 19;
    private const int MaxGroups = 64;
    private const int StackChars = 512;

    /// <summary>Whether UTF-8 text holds a card number.</summary>
    public static bool Contains(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < MinDigits)
        {
            return false;
        }

        if (Ascii.IsValid(utf8))
        {
            // Cheap exit for the common case (ids, timestamps, IPs): no run of 13 digits joined by separators.
            if (!HasLongAsciiRun(utf8))
            {
                return false;
            }

            Span<char> ascii = utf8.Length <= StackChars ? stackalloc char[utf8.Length] : new char[utf8.Length];
            Ascii.ToUtf16(utf8, ascii, out var written);
            return Contains(ascii[..written]);
        }

        var rented = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            var count = Encoding.UTF8.GetChars(utf8, rented);
            return Contains(rented.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Whether text holds a card number.</summary>
    public static bool Contains(ReadOnlySpan<char> text)
    {
        if (text.Length < MinDigits)
        {
            return false;
        }

        Span<byte> digits = stackalloc byte[MaxGroups * MaxDigits];
        Span<int> groupEnd = stackalloc int[MaxGroups];
        var i = 0;
        var previousIsLetter = false;
        while (i < text.Length)
        {
            if (Rune.DecodeFromUtf16(text[i..], out var rune, out var width) != OperationStatus.Done)
            {
                previousIsLetter = false;
                i++;
                continue;
            }

            if (DigitValue(rune) < 0)
            {
                previousIsLetter = Rune.IsLetter(rune);
                i += width;
                continue;
            }

            // A run starts here: digit groups joined by separators.
            var gluedStart = previousIsLetter;
            var groups = 0;
            var count = 0;
            var overflow = false;
            var inGroup = false;
            var end = i;
            var afterRun = false;
            while (i < text.Length)
            {
                if (Rune.DecodeFromUtf16(text[i..], out rune, out width) != OperationStatus.Done)
                {
                    break;
                }

                var d = DigitValue(rune);
                if (d >= 0)
                {
                    if (!inGroup && groups == MaxGroups)
                    {
                        overflow = true;
                    }

                    if (!overflow)
                    {
                        if (!inGroup)
                        {
                            groups++;
                            inGroup = true;
                        }

                        if (count < digits.Length)
                        {
                            digits[count++] = (byte)d;
                        }

                        groupEnd[groups - 1] = count;
                    }

                    i += width;
                    end = i;
                }
                else if (IsSeparator(rune))
                {
                    inGroup = false;
                    i += width;
                }
                else
                {
                    afterRun = Rune.IsLetter(rune);
                    break;
                }
            }

            // Trailing separators are not part of the run; the next character decides the glue.
            var gluedEnd = end == i ? afterRun : false;
            if (HasCard(digits[..count], groupEnd[..groups], gluedStart, gluedEnd))
            {
                return true;
            }

            // The character that ended the run (if any) is looked at again by the outer loop.
            previousIsLetter = false;
        }

        return false;
    }

    /// <summary>The value of a decimal digit of any script, or -1.</summary>
    private static int DigitValue(Rune rune)
    {
        if (rune.Value is >= '0' and <= '9')
        {
            return rune.Value - '0';
        }

        return rune.Value < 128 || Rune.GetUnicodeCategory(rune) != UnicodeCategory.DecimalDigitNumber
            ? -1
            : (int)Rune.GetNumericValue(rune);
    }

    private static bool IsSeparator(Rune rune)
    {
        var v = rune.Value;
        if (v is ' ' or '\t' or '.' or '/' or '_' or ',' or '-')
        {
            return true;
        }

        if (v < 128)
        {
            return false;
        }

        // Full-width . / _ , - and the ideographic comma and full stop.
        if (v is 0xFF0E or 0xFF0F or 0xFF3F or 0xFF0C or 0xFF0D or 0x3001 or 0x3002 or 0x00B7 or 0x2022)
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.SpaceSeparator or UnicodeCategory.DashPunctuation or UnicodeCategory.Format
            || Rune.IsWhiteSpace(rune);
    }

    /// <summary>Any consecutive groups, not glued to a letter at an end of the run, with 13-19 digits passing Luhn.</summary>
    private static bool HasCard(ReadOnlySpan<byte> digits, ReadOnlySpan<int> groupEnd, bool gluedStart, bool gluedEnd)
    {
        if (digits.Length < MinDigits)
        {
            return false;
        }

        var groups = groupEnd.Length;
        for (var first = 0; first < groups; first++)
        {
            if (first == 0 && gluedStart)
            {
                continue;
            }

            var start = first == 0 ? 0 : groupEnd[first - 1];
            for (var last = first; last < groups; last++)
            {
                var length = groupEnd[last] - start;
                if (length > MaxDigits)
                {
                    break;
                }

                if (length >= MinDigits && !(last == groups - 1 && gluedEnd) && Luhn(digits.Slice(start, length)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Luhn(ReadOnlySpan<byte> digits)
    {
        var sum = 0;
        for (var k = 0; k < digits.Length; k++)
        {
            int d = digits[digits.Length - 1 - k];
            if ((k & 1) == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>Whether ASCII text has 13 digits in one run joined only by separators: what any candidate needs.</summary>
    private static bool HasLongAsciiRun(ReadOnlySpan<byte> ascii)
    {
        var rest = ascii;
        while (true)
        {
            var at = rest.IndexOfAnyInRange((byte)'0', (byte)'9');
            if (at < 0 || rest.Length - at < MinDigits)
            {
                return false;
            }

            rest = rest[at..];
            var digits = 0;
            var k = 0;
            for (; k < rest.Length; k++)
            {
                var b = rest[k];
                if ((uint)(b - '0') <= 9)
                {
                    if (++digits >= MinDigits)
                    {
                        return true;
                    }
                }
                else if (b is not ((byte)' ' or (byte)'\t' or (byte)'.' or (byte)'/' or (byte)'_' or (byte)',' or (byte)'-'))
                {
                    break;
                }
            }

            rest = rest[k..];
        }
    }
}
