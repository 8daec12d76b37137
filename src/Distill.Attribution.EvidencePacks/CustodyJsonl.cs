using System.Text.Json;
using Distill.Attribution.Application.Abstractions;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// custody.jsonl: one JSON object per custody event: when, what, who (the person holding the key, the key id and
/// role, and the operating-system user when made from the command line), which run and which store snapshot.
/// A holder that was not recorded is written as null, never guessed.
/// </summary>
internal static class CustodyJsonl
{
    public static byte[] Write(IReadOnlyList<CustodyEntry> entries)
    {
        using var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer);
        foreach (var e in entries)
        {
            json.WriteStartObject();
            json.WriteString("at", PackText.Time(e.At));
            json.WriteString("action", e.Action);
            json.WriteString("holder", e.Holder);
            json.WriteString("osUser", e.OsUser);
            json.WriteString("keyId", e.KeyId);
            json.WriteString("role", e.Role);
            json.WriteString("runId", e.RunId);
            json.WriteString("inputHash", e.InputHash);
            json.WriteString("clusterId", e.ClusterId);
            json.WriteString("membershipHash", e.MembershipHash);
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }
}
