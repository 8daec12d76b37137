using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Evidence.ExportEvidencePack;

/// <summary>
/// The source records a cluster's evidence cites: every member's account row, the payment and session rows
/// behind each link, and each cited request by row id. Sorted and de-duplicated so the pack is reproducible.
/// </summary>
internal static class CitedSources
{
    public static SourceRecordRequest Of(DetectedCluster cluster)
    {
        var accounts = new SortedSet<string>(cluster.Members, StringComparer.Ordinal);
        var payments = new SortedSet<(string, string)>(PairComparer.Instance);
        var sessions = new SortedSet<(string, string)>(PairComparer.Instance);
        var requests = new SortedSet<long>();
        foreach (var step in cluster.Evidence?.Steps ?? [])
        {
            foreach (var link in step.Links)
            {
                foreach (var record in link.Records)
                {
                    accounts.Add(record.Account);
                    if (record.RequestRowId is { } row)
                    {
                        requests.Add(row);
                    }
                    else if (record.Value is { } value && record.Kind == "payment")
                    {
                        payments.Add((record.Account, value));
                    }
                    else if (record.Value is { } ip && record.Kind == "session")
                    {
                        sessions.Add((record.Account, ip));
                    }
                }
            }
        }

        return new SourceRecordRequest([.. accounts], [.. payments], [.. sessions], [.. requests]);
    }

    private sealed class PairComparer : IComparer<(string, string)>
    {
        public static PairComparer Instance { get; } = new();

        public int Compare((string, string) x, (string, string) y)
        {
            var c = string.CompareOrdinal(x.Item1, y.Item1);
            return c != 0 ? c : string.CompareOrdinal(x.Item2, y.Item2);
        }
    }
}
