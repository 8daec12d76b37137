namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// A graph store: the embedded SQLite store by default, Neo4j in production. Both stand behind this
/// port and pass the same contract tests.
/// </summary>
public interface IGraphStore : IIngestStore, ISnapshotSource, IAsyncDisposable
{
}
