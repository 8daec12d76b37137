using System.Text.Json;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// Turns validated records into the <c>$rows</c> of the ingest statements, de-duplicated within the batch
/// with the same rule the statements apply across batches (the SQLite store's rules): accounts and
/// indicators keep the last row per key (a later row updates); payments keep the earliest sighting per
/// (account, instrument), ties broken by (kind, bin, issuer country); releases the earliest time per
/// model; sessions (account, ip, seen_at) and requests (request_id) the first row.
/// </summary>
internal static class IngestRows
{
    // A separator that cannot occur in validated text fields keeps composite keys unambiguous.
    private const char KeySeparator = '\u001f';

    public static IReadOnlyList<AccountRecord> Accounts(IReadOnlyList<AccountRecord> rows)
    {
        var last = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            last[rows[i].AccountId] = i;
        }

        if (last.Count == rows.Count)
        {
            return rows;
        }

        var result = new List<AccountRecord>(last.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (last[rows[i].AccountId] == i)
            {
                result.Add(rows[i]);
            }
        }

        return result;
    }

    public static IReadOnlyList<T> LastPerKey<T>(IReadOnlyList<T> rows, Func<T, string> key)
    {
        var last = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            last[key(rows[i])] = i;
        }

        if (last.Count == rows.Count)
        {
            return rows;
        }

        var result = new List<T>(last.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (last[key(rows[i])] == i)
            {
                result.Add(rows[i]);
            }
        }

        return result;
    }

    /// <summary>The smallest row per key under <paramref name="compare"/> (the first of equals), in first-seen key order.</summary>
    public static IReadOnlyList<T> MinPerKey<T>(IReadOnlyList<T> rows, Func<T, string> key, Comparison<T> compare)
    {
        var best = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var k = key(rows[i]);
            if (!best.TryGetValue(k, out var j))
            {
                best[k] = i;
                order.Add(k);
            }
            else if (compare(rows[i], rows[j]) < 0)
            {
                best[k] = i;
            }
        }

        if (order.Count == rows.Count)
        {
            return rows;
        }

        var result = new List<T>(order.Count);
        foreach (var k in order)
        {
            result.Add(rows[best[k]]);
        }

        return result;
    }

    /// <summary>Earliest first_seen wins; equal times are broken by the tie key.</summary>
    public static int ComparePayments(PaymentRecord x, PaymentRecord y)
    {
        var c = x.FirstSeen.ToUnixTimeMilliseconds().CompareTo(y.FirstSeen.ToUnixTimeMilliseconds());
        return c != 0 ? c : string.CompareOrdinal(PaymentTieKey(x), PaymentTieKey(y));
    }

    public static int CompareReleases(ReleaseRecord x, ReleaseRecord y) =>
        x.ReleasedAt.ToUnixTimeMilliseconds().CompareTo(y.ReleasedAt.ToUnixTimeMilliseconds());

    /// <summary>
    /// The order of (kind or -1, bin or "", issuer country or "") as one string: kind + 1 as one digit,
    /// then the texts after a separator that sorts below any character they can hold.
    /// </summary>
    public static string PaymentTieKey(PaymentRecord p) =>
        string.Concat(
            ((p.Kind is { } k ? (int)k : -1) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            KeySeparator.ToString(),
            p.Bin ?? string.Empty,
            KeySeparator.ToString(),
            p.IssuerCountry ?? string.Empty);

    public static IReadOnlyList<T> FirstPerKey<T>(IReadOnlyList<T> rows, Func<T, string> key)
    {
        var seen = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        List<T>? result = null;
        for (var i = 0; i < rows.Count; i++)
        {
            if (seen.Add(key(rows[i])))
            {
                result?.Add(rows[i]);
            }
            else if (result is null)
            {
                result = new List<T>(rows.Count);
                for (var j = 0; j < i; j++)
                {
                    result.Add(rows[j]);
                }
            }
        }

        return result ?? rows;
    }

    public static string PaymentKey(PaymentRecord p) => string.Concat(p.AccountId, KeySeparator.ToString(), p.InstrumentFingerprint);

    public static string SessionKey(SessionRecord s) =>
        string.Join(KeySeparator, s.AccountId, s.Ip, ParameterWriter.FormatTimestamp(s.SeenAt));

    public static string IndicatorKey(IndicatorRecord i) => IndicatorKey(i.OperatorId, ContractNames.Name(i.Kind), i.Value);

    /// <summary>The key of an indicator node from its parts (<paramref name="kind"/> is the contract name).</summary>
    public static string IndicatorKey(string operatorId, string kind, string value) =>
        string.Join(KeySeparator, operatorId, kind, value);

    public static void WriteAccount(Utf8JsonWriter w, AccountRecord a, int offset)
    {
        w.WriteString("accountId", a.AccountId);
        w.WriteString("createdAt", ParameterWriter.FormatTimestamp(a.CreatedAt));
        WriteOptional(w, "emailDomain", a.EmailDomain);
        WriteOptional(w, "emailHash", a.EmailHash);
        WriteOptional(w, "displayName", a.DisplayName);
        WriteOptional(w, "orgName", a.OrgName);
        w.WriteString("accessPathway", ContractNames.Name(a.AccessPathway));
        WriteOptional(w, "country", a.Country);
        WriteOptional(w, "status", a.Status is { } status ? ContractNames.Name(status) : null);
    }

    public static void WritePayment(Utf8JsonWriter w, PaymentRecord p, int offset)
    {
        w.WriteString("accountId", p.AccountId);
        w.WriteString("instrumentFingerprint", p.InstrumentFingerprint);
        WriteOptional(w, "kind", p.Kind is { } kind ? ContractNames.Name(kind) : null);
        WriteOptional(w, "bin", p.Bin);
        WriteOptional(w, "issuerCountry", p.IssuerCountry);
        w.WriteString("firstSeen", ParameterWriter.FormatTimestamp(p.FirstSeen));
        w.WriteString("tieKey", PaymentTieKey(p));
    }

    public static void WriteSession(Utf8JsonWriter w, SessionRecord s, int offset)
    {
        w.WriteString("sessionKey", SessionKey(s));
        w.WriteString("accountId", s.AccountId);
        w.WriteString("ip", s.Ip);
        w.WriteString("seenAt", ParameterWriter.FormatTimestamp(s.SeenAt));
        if (s.Asn is { } asn)
        {
            w.WriteNumber("asn", asn);
        }
        else
        {
            w.WriteNull("asn");
        }

        WriteOptional(w, "asnOrg", s.AsnOrg);
        WriteOptional(w, "ipType", s.IpType is { } type ? ContractNames.Name(type) : null);
    }

    public static void WriteRequest(Utf8JsonWriter w, RequestRecord r, int offset)
    {
        w.WriteNumber("offset", offset);
        w.WriteString("requestId", r.RequestId);
        w.WriteString("accountId", r.AccountId);
        w.WriteString("ts", ParameterWriter.FormatTimestamp(r.Ts));
        w.WriteString("model", r.Model);
        WriteOptional(w, "capability", r.Capability);
        WriteOptional(w, "promptFingerprint", r.PromptFingerprint);
        WriteOptional(w, "ip", r.Ip);
        WriteOptional(w, "client", r.Client);
        WriteOptional(w, "inputTokens", r.InputTokens);
        WriteOptional(w, "outputTokens", r.OutputTokens);
    }

    public static void WriteRelease(Utf8JsonWriter w, ReleaseRecord r, int offset)
    {
        w.WriteString("model", r.Model);
        w.WriteString("releasedAt", ParameterWriter.FormatTimestamp(r.ReleasedAt));
    }

    public static void WriteIndicator(Utf8JsonWriter w, IndicatorRecord i, int offset)
    {
        w.WriteString("indicatorKey", IndicatorKey(i));
        w.WriteString("operatorId", i.OperatorId);
        WriteOptional(w, "operatorName", i.OperatorName);
        w.WriteString("kind", ContractNames.Name(i.Kind));
        w.WriteString("value", i.Value);
        w.WritePropertyName("confidence");
        ParameterWriter.WriteFloat(w, i.Confidence);
        WriteOptional(w, "source", i.Source);
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
