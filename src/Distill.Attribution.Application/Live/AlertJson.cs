using System.Text;
using System.Text.Json;

namespace Distill.Attribution.Application.Live;

/// <summary>An alert as one JSON object (the JSON Lines file and the webhook body; fields in docs/live.md).</summary>
public static class AlertJson
{
    /// <summary>The contract name of a kind (<c>new_cluster</c>, <c>release_pivot</c>, ...).</summary>
    public static string KindName(AlertKind kind) => kind switch
    {
        AlertKind.NewCluster => "new_cluster",
        AlertKind.Grown => "grown",
        AlertKind.Absorbed => "absorbed",
        AlertKind.AttributionAppeared => "attribution_appeared",
        AlertKind.AttributionChanged => "attribution_changed",
        AlertKind.ReleasePivot => "release_pivot",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>One line (no line break) of UTF-8 JSON.</summary>
    public static byte[] Serialize(AlertChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var a = change.Alert;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("event", change.IsNew ? "raised" : "updated");
            w.WriteNumber("id", a.Id);
            w.WriteString("clusterId", a.ClusterId);
            w.WriteString("kind", KindName(a.Kind));
            if (a.Subject.Length > 0)
            {
                w.WriteString("model", a.Subject);
            }

            w.WriteString("status", a.Status.ToString().ToLowerInvariant());
            w.WriteString("summary", a.Summary);
            w.WriteString("runId", a.RunId);
            w.WriteString("firstRunId", a.FirstRunId);
            w.WriteString("raisedAt", AlertRules.Time(a.RaisedAt));
            w.WriteString("updatedAt", AlertRules.Time(a.UpdatedAt));
            w.WriteString("observedAt", AlertRules.Time(a.ObservedAt));
            w.WriteNumber("updates", a.Updates);
            w.WriteString("lineage", a.Lineage.ToString().ToLowerInvariant());
            w.WriteStartArray("lineageParents");
            foreach (var p in a.LineageParents)
            {
                w.WriteStringValue(p);
            }

            w.WriteEndArray();
            if (a.OperatorId is null)
            {
                w.WriteNull("operatorId");
            }
            else
            {
                w.WriteString("operatorId", a.OperatorId);
            }

            w.WriteNumber("riskScore", Math.Round(a.RiskScore, 4));
            w.WriteStartObject("evidence");
            foreach (var f in a.Evidence)
            {
                w.WriteString(f.Name, f.Value);
            }

            w.WriteEndObject();
            w.WriteNumber("memberCount", a.MemberCount);
            w.WriteStartArray("members");
            foreach (var m in a.Members)
            {
                w.WriteStringValue(m);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The line as text.</summary>
    public static string SerializeToString(AlertChange change) => Encoding.UTF8.GetString(Serialize(change));
}
