using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// Each IP's ASN, ASN organisation and IP type as the sessions give them: per attribute, the value of the latest session
/// that names it, sessions at the same time ordered by their values (asn, then asn_org, then ip_type, absent first, text
/// in UTF-8 byte order as SQLite compares it), so the winner does not depend on ingest order. Sessions may come in any
/// order: a session is read in full (its text included) only when it could beat a current winner.
/// </summary>
internal sealed class IpAttributeWinners
{
    private readonly SessionKey?[] asn;
    private readonly SessionKey?[] asnOrg;
    private readonly SessionKey?[] type;

    // The winners' times beside them (long.MinValue: no winner yet), so that the test for a session that cannot win, which
    // is most of them, reads three numbers instead of three objects scattered over the heap.
    private readonly long[] asnSeen;
    private readonly long[] asnOrgSeen;
    private readonly long[] typeSeen;

    public IpAttributeWinners(int ipKeyCount)
    {
        asn = new SessionKey?[ipKeyCount];
        asnOrg = new SessionKey?[ipKeyCount];
        type = new SessionKey?[ipKeyCount];
        asnSeen = new long[ipKeyCount];
        asnOrgSeen = new long[ipKeyCount];
        typeSeen = new long[ipKeyCount];
        Array.Fill(asnSeen, long.MinValue);
        Array.Fill(asnOrgSeen, long.MinValue);
        Array.Fill(typeSeen, long.MinValue);
    }

    /// <summary>
    /// Whether a session of <paramref name="ip"/> seen at <paramref name="seenAt"/> naming the given attributes could
    /// replace a winner; when false, its values need not be read.
    /// </summary>
    public bool MayWin(int ip, long seenAt, bool namesAsn, bool namesAsnOrg, bool namesType) =>
        (namesAsn && seenAt >= asnSeen[ip]) || (namesAsnOrg && seenAt >= asnOrgSeen[ip]) || (namesType && seenAt >= typeSeen[ip]);

    public void Offer(int ip, SessionKey session)
    {
        if (session.Asn is not null && Beats(session, asn[ip]))
        {
            asn[ip] = session;
            asnSeen[ip] = session.SeenAt;
        }

        if (session.AsnOrg is not null && Beats(session, asnOrg[ip]))
        {
            asnOrg[ip] = session;
            asnOrgSeen[ip] = session.SeenAt;
        }

        if (session.Type is not null && Beats(session, type[ip]))
        {
            type[ip] = session;
            typeSeen[ip] = session.SeenAt;
        }
    }

    public long? Asn(int ip) => asn[ip]?.Asn;

    public string? AsnOrg(int ip) => asnOrg[ip]?.AsnOrg;

    public IpType? Type(int ip) => type[ip]?.Type;

    private static bool Beats(SessionKey session, SessionKey? winner) => winner is null || Compare(session, winner) > 0;

    /// <summary>The order of SQLite's <c>ORDER BY seen_at, asn, asn_org, ip_type</c> (NULL first, BINARY collation).</summary>
    internal static int Compare(SessionKey x, SessionKey y)
    {
        var c = x.SeenAt.CompareTo(y.SeenAt);
        if (c != 0)
        {
            return c;
        }

        c = Nullable.Compare(x.Asn, y.Asn);
        if (c != 0)
        {
            return c;
        }

        c = x.AsnOrg is null || y.AsnOrg is null ? (x.AsnOrg is null ? 0 : 1) - (y.AsnOrg is null ? 0 : 1) : CompareUtf8(x.AsnOrg, y.AsnOrg);
        return c != 0 ? c : Nullable.Compare((int?)x.Type, (int?)y.Type);
    }

    /// <summary>
    /// Strings in the order of their UTF-8 bytes (code point order), which ordinal UTF-16 order is except where a
    /// surrogate pair meets a code unit from U+E000 up: surrogates are moved above them before comparing.
    /// </summary>
    internal static int CompareUtf8(string x, string y)
    {
        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            int a = x[i], b = y[i];
            if (a != b)
            {
                return CodePointRank(a) - CodePointRank(b);
            }
        }

        return x.Length - y.Length;
    }

    private static int CodePointRank(int unit) => unit < 0xD800 ? unit : unit >= 0xE000 ? unit - 0x800 : unit + 0x2000;

    /// <summary>One session's time and values, as the order compares them.</summary>
    internal sealed record SessionKey(long SeenAt, long? Asn, string? AsnOrg, IpType? Type);
}
