using System.Globalization;
using System.Text.Json;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Detection.ExportClusters;

/// <summary>Writes a run's clusters (the latest run when <see cref="RunId"/> is null) as the contract's export JSON.</summary>
public sealed record ExportClustersQuery(Stream Output, string? RunId = null) : IRequest<ExportClustersResult>;

/// <summary>The run exported and how many clusters were written.</summary>
public sealed record ExportClustersResult(string RunId, int ClusterCount);

/// <summary>Handles <see cref="ExportClustersQuery"/>. Extra fields (lineage, features) are allowed by the contract.</summary>
public sealed class ExportClustersHandler(IRunStore runs) : IRequestHandler<ExportClustersQuery, ExportClustersResult>
{
    public async Task<ExportClustersResult> Handle(ExportClustersQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var run = (query.RunId is null ? await runs.GetLatestRunAsync(ct) : await runs.GetRunAsync(query.RunId, ct))
            ?? throw new InvalidOperationException(query.RunId is null ? "No run yet: run detect first." : $"No run {query.RunId}.");
        await using var json = new Utf8JsonWriter(query.Output, new JsonWriterOptions { Indented = true });
        Write(json, run);
        await json.FlushAsync(ct);
        return new ExportClustersResult(run.RunId, run.Clusters.Count);
    }

    private static void Write(Utf8JsonWriter json, DetectionRun run)
    {
        json.WriteStartObject();
        json.WriteString("runId", run.RunId);
        json.WriteString("createdAt", run.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteNumber("contractVersion", DataContract.Version);
        json.WriteString("inputHash", run.InputHash);
        json.WriteString("parametersHash", run.ParametersHash);
        json.WriteString("membershipHash", run.MembershipHash);
        json.WriteString("codeVersion", run.CodeVersion);
        json.WriteStartArray("clusters");
        foreach (var c in run.Clusters)
        {
            json.WriteStartObject();
            json.WriteString("id", c.Id);
            json.WriteStartArray("members");
            foreach (var m in c.Members)
            {
                json.WriteStringValue(m);
            }

            json.WriteEndArray();
            json.WriteNumber("riskScore", c.RiskScore);
            json.WriteBoolean("flagged", c.Flagged);
            if (c.Operator is { } op)
            {
                json.WriteStartObject("operator");
                json.WriteString("id", op.OperatorId);
                if (op.OperatorName is null)
                {
                    json.WriteNull("name");
                }
                else
                {
                    json.WriteString("name", op.OperatorName);
                }

                json.WriteNumber("confidence", op.Confidence);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("operator");
            }

            json.WriteString("lineage", c.Lineage.ToString().ToLowerInvariant());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
