using System.Globalization;
using System.Text;

namespace Distill.Attribution.Api.Paging;

/// <summary>
/// Opaque cursors: base64 of <c>o:POSITION</c>. Lists are ordered deterministically (ties broken by id), so a
/// position is a stable cursor within one run.
/// </summary>
internal static class Cursor
{
    public static string Encode(int position) => Convert.ToBase64String(Encoding.ASCII.GetBytes("o:" + position.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The offset after <paramref name="after"/>: 0 without a cursor, -1 for a malformed one (the validators reject it).</summary>
    public static int OffsetAfter(string? after)
    {
        if (after is null)
        {
            return 0;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(after));
            return text.StartsWith("o:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position < int.MaxValue
                ? position + 1
                : -1;
        }
        catch (FormatException)
        {
            return -1;
        }
    }
}
