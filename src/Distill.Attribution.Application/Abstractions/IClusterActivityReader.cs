namespace Distill.Attribution.Application.Abstractions;

/// <summary>Aggregates every request of a set of accounts for an evidence pack's summary (one pass, bounded output).</summary>
public interface IClusterActivityReader
{
    /// <summary>The aggregate; null when this store cannot compute it (the report then says the traffic was not read).</summary>
    Task<ClusterActivity?> ReadAsync(IReadOnlyList<string> accounts, CancellationToken ct);
}
