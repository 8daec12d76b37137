namespace Distill.Attribution.Infrastructure.Readiness;

/// <summary>
/// Whether one store a host uses can serve requests. Each store registration adds its own check, so a host's
/// readiness (<c>/readyz</c>) asks exactly the stores it was composed with: the SQLite file always (runs, keys, audit,
/// cases), Neo4j as well under <c>--neo4j</c>.
/// </summary>
public interface IReadinessCheck
{
    /// <summary>The store's name in the readiness report (<c>sqlite</c>, <c>neo4j</c>).</summary>
    string Name { get; }

    /// <summary>Never throws for an unreachable store: says so in the result.</summary>
    Task<ReadinessResult> CheckAsync(CancellationToken ct);
}

/// <summary>One store's readiness and a short, secret-free reason (no connection strings, no credentials).</summary>
public sealed record ReadinessResult(bool Ready, string Detail);
