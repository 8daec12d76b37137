using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.Attribution.Application.Abstractions;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// stix-bundle.json, a STIX 2.1 bundle: the provider (identity), the suspected operator (threat-actor), the
/// cluster (intrusion-set), the matched indicators with STIX patterns, the shared IPs as a proxy pool
/// (infrastructure + IP observables), the members as user-account observables in one observed-data, the
/// relationships between them, and a report that references everything. Ids are UUIDv5, so the same
/// run and cluster give the same bundle.
/// </summary>
internal static class StixBundle
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(EvidencePackContent content, ClusterDrawing drawing, string providerName)
    {
        var run = content.Run;
        var cluster = content.Cluster;
        var ts = PackText.Time(content.CreatedAt);
        var objects = new List<JsonObject>();
        var identity = StixIds.Domain("identity", providerName);
        objects.Add(Sdo("identity", identity, ts, null, new JsonObject { ["name"] = providerName, ["identity_class"] = "organization" }));

        var intrusionSet = StixIds.Domain("intrusion-set", $"{run.RunId}/{cluster.Id}");
        objects.Add(Sdo("intrusion-set", intrusionSet, ts, identity, new JsonObject
        {
            ["name"] = $"Cluster {cluster.Id}",
            ["description"] = $"Coordinated cluster of {cluster.Members.Count} API accounts found by run {run.RunId} (risk score {PackText.Number(cluster.RiskScore)}; input snapshot {run.InputHash}).",
        }));

        var relationships = new List<JsonObject>();
        if (cluster.Operator is { } op)
        {
            var actor = StixIds.Domain("threat-actor", op.OperatorId);
            objects.Add(Sdo("threat-actor", actor, ts, identity, new JsonObject
            {
                ["name"] = op.OperatorName ?? op.OperatorId,
                ["description"] = op.Through is { } tie
                    ? $"Suspected operator {op.OperatorId}, attributed with confidence {PackText.Number(op.Confidence)} through infrastructure shared with cluster {tie.SourceClusterId} ({tie.RidingMembers} members on {tie.SharedElements} of its shared addresses and payment instruments); no indicator of its own."
                    : $"Suspected operator {op.OperatorId}, attributed with combined confidence {PackText.Number(op.Confidence)} from {op.IndependentKinds} independent indicator kind(s).",
                ["threat_actor_types"] = new JsonArray("unknown"),
                ["confidence"] = (int)Math.Round(op.Confidence * 100),
            }));
            relationships.Add(Relationship(intrusionSet, "attributed-to", actor, ts, identity));
            foreach (var indicator in op.Indicators)
            {
                var id = StixIds.Domain("indicator", $"{indicator.OperatorId}|{indicator.Kind}|{indicator.Value}");
                objects.Add(Sdo("indicator", id, ts, identity, new JsonObject
                {
                    ["name"] = $"{indicator.Kind} indicator of {indicator.OperatorId}",
                    ["description"] = $"Matched {indicator.MatchedMembers} member(s) of cluster {cluster.Id}; source: {indicator.Source ?? "not given"}.",
                    ["indicator_types"] = new JsonArray("attribution"),
                    ["pattern"] = Pattern(indicator.Kind, indicator.Value),
                    ["pattern_type"] = "stix",
                    ["valid_from"] = ts,
                    ["confidence"] = (int)Math.Round(indicator.Confidence * 100),
                }));
                relationships.Add(Relationship(id, "indicates", intrusionSet, ts, identity));
                relationships.Add(Relationship(id, "indicates", actor, ts, identity));
            }
        }

        var observables = new List<string>();
        var ips = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < drawing.Values.Length; i++)
        {
            if (drawing.ValueKinds[i] is "session" or "ip")
            {
                ips.Add(drawing.Values[i]);
            }
        }

        if (ips.Count > 0)
        {
            var pool = StixIds.Domain("infrastructure", $"{run.RunId}/{cluster.Id}/ips");
            objects.Add(Sdo("infrastructure", pool, ts, identity, new JsonObject
            {
                ["name"] = $"IP addresses shared inside cluster {cluster.Id}",
                ["description"] = "Addresses that two or more members used (proxy pool or shared egress); see counter-evidence for addresses also used outside the cluster.",
                ["infrastructure_types"] = new JsonArray("anonymization"),
            }));
            relationships.Add(Relationship(intrusionSet, "uses", pool, ts, identity));
            foreach (var ip in ips)
            {
                var type = ip.Contains(':', StringComparison.Ordinal) ? "ipv6-addr" : "ipv4-addr";
                var id = StixIds.Observable(type, $"{{\"value\":{JsonSerializer.Serialize(ip, Options)}}}");
                objects.Add(new JsonObject { ["type"] = type, ["spec_version"] = "2.1", ["id"] = id, ["value"] = ip });
                observables.Add(id);
                relationships.Add(Relationship(pool, "consists-of", id, ts, identity));
            }
        }

        foreach (var member in cluster.Members)
        {
            var id = StixIds.Observable("user-account", $"{{\"user_id\":{JsonSerializer.Serialize(member, Options)}}}");
            objects.Add(new JsonObject { ["type"] = "user-account", ["spec_version"] = "2.1", ["id"] = id, ["user_id"] = member });
            observables.Add(id);
        }

        var (first, last, count) = Observed(content);
        var observed = StixIds.Domain("observed-data", $"{run.RunId}/{cluster.Id}");
        var refs = new JsonArray();
        foreach (var id in observables)
        {
            refs.Add(id);
        }

        objects.Add(Sdo("observed-data", observed, ts, identity, new JsonObject
        {
            ["first_observed"] = PackText.Time(first),
            ["last_observed"] = PackText.Time(last),
            ["number_observed"] = count,
            ["object_refs"] = refs,
        }));
        objects.AddRange(relationships);

        var reportRefs = new JsonArray();
        foreach (var o in objects)
        {
            reportRefs.Add((string)o["id"]!);
        }

        objects.Add(Sdo("report", StixIds.Domain("report", $"{run.RunId}/{cluster.Id}"), ts, identity, new JsonObject
        {
            ["name"] = $"Evidence pack for cluster {cluster.Id} ({run.RunId})",
            ["description"] = $"Detection run {run.RunId}, code {run.CodeVersion}, parameters {run.ParametersHash}, membership {run.MembershipHash}.",
            ["report_types"] = new JsonArray("threat-actor", "intrusion-set"),
            ["published"] = ts,
            ["object_refs"] = reportRefs,
        }));

        var array = new JsonArray();
        foreach (var o in objects)
        {
            array.Add(o);
        }

        var bundle = new JsonObject
        {
            ["type"] = "bundle",
            ["id"] = StixIds.Domain("bundle", $"{run.RunId}/{cluster.Id}"),
            ["objects"] = array,
        };
        return JsonSerializer.SerializeToUtf8Bytes(bundle, Options);
    }

    /// <summary>A STIX pattern for an indicator of the contract's kinds; values are quoted as STIX string literals.</summary>
    internal static string Pattern(string kind, string value)
    {
        var v = $"'{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";
        var ip6 = value.Contains(':', StringComparison.Ordinal);
        return kind switch
        {
            "ip" => ip6 ? $"[ipv6-addr:value = {v}]" : $"[ipv4-addr:value = {v}]",
            "cidr" => ip6 ? $"[ipv6-addr:value ISSUBSET {v}]" : $"[ipv4-addr:value ISSUBSET {v}]",
            "asn" when long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asn) => $"[autonomous-system:number = {PackText.Int(asn)}]",
            "email_domain" => $"[email-addr:value LIKE '%@{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']",
            "account_id" => $"[user-account:user_id = {v}]",
            "payment_fingerprint" => $"[x-distill-payment:instrument_fingerprint = {v}]",
            "email_hash" => $"[x-distill-account:email_hash = {v}]",
            "org_name" => $"[x-distill-account:org_name = {v}]",
            "client" => $"[x-distill-request:client = {v}]",
            "prompt_fingerprint" => $"[x-distill-request:prompt_fingerprint = {v}]",
            _ => $"[x-distill-indicator:value = {v}]",
        };
    }

    private static (DateTimeOffset First, DateTimeOffset Last, int Count) Observed(EvidencePackContent content)
    {
        var first = DateTimeOffset.MaxValue;
        var last = DateTimeOffset.MinValue;
        var s = content.Sources;
        foreach (var r in s.Requests)
        {
            first = r.Ts < first ? r.Ts : first;
            last = r.Ts > last ? r.Ts : last;
        }

        foreach (var r in s.Sessions)
        {
            first = r.SeenAt < first ? r.SeenAt : first;
            last = r.SeenAt > last ? r.SeenAt : last;
        }

        foreach (var r in s.Payments)
        {
            first = r.FirstSeen < first ? r.FirstSeen : first;
            last = r.FirstSeen > last ? r.FirstSeen : last;
        }

        if (first > last)
        {
            // Nothing cited carries a time: the run itself is the observation.
            first = last = content.Run.CreatedAt;
        }

        var count = Math.Clamp(s.Requests.Count + s.Sessions.Count + s.Payments.Count, 1, 999_999_999);
        return (first, last, count);
    }

    private static JsonObject Sdo(string type, string id, string ts, string? createdBy, JsonObject properties)
    {
        var o = new JsonObject { ["type"] = type, ["spec_version"] = "2.1", ["id"] = id };
        if (createdBy is not null)
        {
            o["created_by_ref"] = createdBy;
        }

        o["created"] = ts;
        o["modified"] = ts;
        foreach (var (name, value) in properties.ToList())
        {
            properties.Remove(name);
            o[name] = value;
        }

        return o;
    }

    private static JsonObject Relationship(string source, string type, string target, string ts, string identity) =>
        Sdo("relationship", StixIds.Domain("relationship", $"{source}|{type}|{target}"), ts, identity, new JsonObject
        {
            ["relationship_type"] = type,
            ["source_ref"] = source,
            ["target_ref"] = target,
        });
}
