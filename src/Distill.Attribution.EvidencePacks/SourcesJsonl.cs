using System.Text.Json;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// sources/*.jsonl: the cited records with the contract's field names and values (the form they were ingested
/// in), one JSON object per line; absent optional fields are left out as in the input.
/// </summary>
internal static class SourcesJsonl
{
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEnumerable<PackEntry> Write(SourceRecords sources)
    {
        yield return new PackEntry("sources/accounts.jsonl", Lines(sources.Accounts, static (j, a) =>
        {
            j.WriteString("account_id", a.AccountId);
            j.WriteString("created_at", PackText.Time(a.CreatedAt));
            Optional(j, "email_domain", a.EmailDomain);
            Optional(j, "email_hash", a.EmailHash);
            Optional(j, "display_name", a.DisplayName);
            Optional(j, "org_name", a.OrgName);
            j.WriteString("access_pathway", ContractNames.Name(a.AccessPathway));
            Optional(j, "country", a.Country);
            Optional(j, "status", a.Status is { } s ? ContractNames.Name(s) : null);
        }));
        yield return new PackEntry("sources/payments.jsonl", Lines(sources.Payments, static (j, p) =>
        {
            j.WriteString("account_id", p.AccountId);
            j.WriteString("instrument_fingerprint", p.InstrumentFingerprint);
            Optional(j, "kind", p.Kind is { } k ? ContractNames.Name(k) : null);
            Optional(j, "bin", p.Bin);
            Optional(j, "issuer_country", p.IssuerCountry);
            j.WriteString("first_seen", PackText.Time(p.FirstSeen));
        }));
        yield return new PackEntry("sources/sessions.jsonl", Lines(sources.Sessions, static (j, s) =>
        {
            j.WriteString("account_id", s.AccountId);
            j.WriteString("ip", s.Ip);
            j.WriteString("seen_at", PackText.Time(s.SeenAt));
            if (s.Asn is { } asn)
            {
                j.WriteNumber("asn", asn);
            }

            Optional(j, "asn_org", s.AsnOrg);
            Optional(j, "ip_type", s.IpType is { } t ? ContractNames.Name(t) : null);
        }));
        yield return new PackEntry("sources/requests.jsonl", Lines(sources.Requests, static (j, r) =>
        {
            j.WriteString("request_id", r.RequestId);
            j.WriteString("account_id", r.AccountId);
            j.WriteString("ts", PackText.Time(r.Ts));
            j.WriteString("model", r.Model);
            Optional(j, "capability", r.Capability);
            Optional(j, "prompt_fingerprint", r.PromptFingerprint);
            Optional(j, "ip", r.Ip);
            Optional(j, "client", r.Client);
            if (r.InputTokens is { } input)
            {
                j.WriteNumber("input_tokens", input);
            }

            if (r.OutputTokens is { } output)
            {
                j.WriteNumber("output_tokens", output);
            }
        }));
    }

    private static byte[] Lines<T>(IReadOnlyList<T> rows, Action<Utf8JsonWriter, T> write)
    {
        using var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer, Options);
        foreach (var row in rows)
        {
            json.WriteStartObject();
            write(json, row);
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            buffer.WriteByte((byte)'\n');
        }

        json.Flush();
        return buffer.ToArray();
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
