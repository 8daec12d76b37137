using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>
/// The contract's field checks as plain functions over UTF-8 bytes or chars; the validators and the
/// fast request path both call these, so the rules live in one place.
/// </summary>
internal static class FieldRules
{
    private const int MaxShortField = 64;

    public static bool IsLength1To128(string value) => value.Length is >= 1 and <= 128;

    /// <summary>Parses an RFC 3339 date-time; <paramref name="missingOffset"/> tells a missing zone from garbage.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, out DateTimeOffset utc, out bool missingOffset)
    {
        Span<byte> bytes = stackalloc byte[MaxShortField];
        if (!TryAscii(text, bytes, out var length))
        {
            utc = default;
            missingOffset = false;
            return false;
        }

        return TryParseTimestamp(bytes[..length], out utc, out missingOffset);
    }

    /// <summary>
    /// RFC 3339: <c>yyyy-MM-dd</c>, <c>T</c> (or <c>t</c> or a space), <c>HH:mm:ss</c>, an optional
    /// fraction, then <c>Z</c> or <c>±hh:mm</c>. Returns the instant in UTC.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> s, out DateTimeOffset utc, out bool missingOffset)
    {
        utc = default;
        missingOffset = false;
        if (s.Length is < 19 or > MaxShortField
            || !TwoDigits(s, 0, out var c) || !TwoDigits(s, 2, out var yy) || s[4] != '-'
            || !TwoDigits(s, 5, out var month) || s[7] != '-' || !TwoDigits(s, 8, out var day)
            || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
            || !TwoDigits(s, 11, out var hour) || s[13] != ':' || !TwoDigits(s, 14, out var minute)
            || s[16] != ':' || !TwoDigits(s, 17, out var second))
        {
            return false;
        }

        var year = (c * 100) + yy;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long fractionTicks = 0;
        var i = 19;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var digits = 0;
            var scale = 1_000_000L;
            while (i < s.Length && IsDigit(s[i]))
            {
                if (digits < 7)
                {
                    fractionTicks += (s[i] - '0') * scale;
                    scale /= 10;
                }

                digits++;
                i++;
            }

            if (digits == 0)
            {
                return false;
            }
        }

        if (i == s.Length)
        {
            missingOffset = true;
            return false;
        }

        long offsetTicks;
        if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.Length)
        {
            offsetTicks = 0;
        }
        else if ((s[i] == '+' || s[i] == '-') && i + 6 == s.Length
            && TwoDigits(s, i + 1, out var oh) && s[i + 3] == ':' && TwoDigits(s, i + 4, out var om)
            && oh <= 23 && om <= 59)
        {
            offsetTicks = ((oh * 60L) + om) * TimeSpan.TicksPerMinute;
            if (s[i] == '-')
            {
                offsetTicks = -offsetTicks;
            }
        }
        else
        {
            return false;
        }

        var seconds = (DaysSinceEpoch(year, month, day) * 86_400L) + (hour * 3600L) + (minute * 60L) + second;
        var local = (seconds * TimeSpan.TicksPerSecond) + fractionTicks;
        var ticks = local - offsetTicks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utc = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    /// <summary>An optionally negative decimal integer of at most 18 digits (no sign '+', no spaces).</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> text, out long value)
    {
        Span<byte> bytes = stackalloc byte[MaxShortField];
        if (!TryAscii(text, bytes, out var length))
        {
            value = 0;
            return false;
        }

        return TryParseInteger(bytes[..length], out value);
    }

    public static bool TryParseInteger(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        var negative = s.Length > 0 && s[0] == '-';
        var digits = negative ? s[1..] : s;
        if (digits.Length is 0 or > 18)
        {
            return false;
        }

        long v = 0;
        foreach (var b in digits)
        {
            if (!IsDigit(b))
            {
                return false;
            }

            v = (v * 10) + (b - '0');
        }

        value = negative ? -v : v;
        return true;
    }

    public static bool TryParseConfidence(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
        && value is >= 0 and <= 1;

    public static bool IsHex64(string value)
    {
        if (value.Length != 64)
        {
            return false;
        }

        foreach (var ch in value)
        {
            if (!char.IsAsciiHexDigit(ch))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsCountry(string value) =>
        value.Length == 2 && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1]);

    public static bool IsBin(string value)
    {
        if (value.Length is < 6 or > 8)
        {
            return false;
        }

        foreach (var ch in value)
        {
            if (!char.IsAsciiDigit(ch))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a value looks like a raw card number: 13-19 digits, optionally grouped by spaces or
    /// dashes, that pass the Luhn check. Such a value must never be stored or echoed.
    /// </summary>
    public static bool IsCardNumber(ReadOnlySpan<char> value)
    {
        var digits = 0;
        var sum = 0;
        // Luhn from the rightmost digit: double every second digit.
        for (var i = value.Length - 1; i >= 0; i--)
        {
            var ch = value[i];
            if (ch is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(ch))
            {
                return false;
            }

            var d = ch - '0';
            if ((digits & 1) == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            digits++;
            if (digits > 19)
            {
                return false;
            }
        }

        return digits >= 13 && sum % 10 == 0;
    }

    /// <summary>An AS number in the 32-bit range of RFC 6793 (0 to 4294967295).</summary>
    public static bool IsAsnNumber(long value) => value is >= 0 and <= uint.MaxValue;

    /// <summary>
    /// A strict IPv4 dotted quad (no leading zeros, no shorthand such as "1" or "0x7f.1", which
    /// <see cref="IPAddress.TryParse(string, out IPAddress)"/> would accept) or an IPv6 address without
    /// a zone id. Returns the canonical text (IPv6 compressed and lower-cased) so equal addresses match.
    /// </summary>
    public static bool TryNormaliseIp(string value, out string canonical)
    {
        canonical = value;
        if (value.Contains(':'))
        {
            if (value.Contains('%') || value.Length > 45 || !IPAddress.TryParse(value, out var address)
                || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            // ::ffff:1.2.3.4 is 1.2.3.4 seen through a dual-stack socket: one address, one text.
            canonical = address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
            return true;
        }

        return IsStrictIpv4(value);
    }

    public static bool IsCidr(string value)
    {
        var slash = value.IndexOf('/');
        if (slash <= 0 || !TryParseInteger(value.AsSpan(slash + 1), out var prefix) || prefix < 0)
        {
            return false;
        }

        var ip = value[..slash];
        if (ip.Contains(':'))
        {
            return TryNormaliseIp(ip, out _) && prefix <= 128;
        }

        return IsStrictIpv4(ip) && prefix <= 32;
    }

    /// <summary>An AS number: digits, optionally prefixed with "AS"; returns the number as text.</summary>
    public static bool TryNormaliseAsn(string value, out string digits)
    {
        var span = value.AsSpan();
        if (span.Length > 2 && (span[0] is 'A' or 'a') && (span[1] is 'S' or 's'))
        {
            span = span[2..];
        }

        digits = span.ToString();
        return TryParseInteger(span, out var asn) && asn is >= 0 and <= uint.MaxValue;
    }

    private static bool IsStrictIpv4(string value)
    {
        var parts = 0;
        var i = 0;
        while (parts < 4)
        {
            var start = i;
            var octet = 0;
            while (i < value.Length && char.IsAsciiDigit(value[i]) && i - start < 3)
            {
                octet = (octet * 10) + (value[i] - '0');
                i++;
            }

            var digits = i - start;
            if (digits == 0 || octet > 255 || (digits > 1 && value[start] == '0'))
            {
                return false;
            }

            parts++;
            if (parts < 4)
            {
                if (i >= value.Length || value[i] != '.')
                {
                    return false;
                }

                i++;
            }
        }

        return i == value.Length;
    }

    private static int DaysInMonth(int year, int month) =>
        month == 2 ? (DateTime.IsLeapYear(year) ? 29 : 28) : (month is 4 or 6 or 9 or 11 ? 30 : 31);

    /// <summary>Days from 0001-01-01 (proleptic Gregorian), the epoch of <see cref="DateTime.Ticks"/>.</summary>
    private static long DaysSinceEpoch(int year, int month, int day)
    {
        // Days before the month, counting March as the first month so the leap day comes last.
        var y = month <= 2 ? year - 1 : year;
        var m = month <= 2 ? month + 9 : month - 3;
        long era = y / 400;
        long yearOfEra = y - (era * 400);
        long dayOfYear = ((153 * m) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        // 306 days from 0000-03-01 to 0001-01-01.
        return (era * 146_097) + dayOfEra - 306;
    }

    private static bool TryAscii(ReadOnlySpan<char> text, Span<byte> bytes, out int length)
    {
        length = text.Length;
        if (length > bytes.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch > 127)
            {
                return false;
            }

            bytes[i] = (byte)ch;
        }

        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<byte> s, int at, out int value)
    {
        var a = s[at] - '0';
        var b = s[at + 1] - '0';
        value = (a * 10) + b;
        return (uint)a <= 9 && (uint)b <= 9;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
