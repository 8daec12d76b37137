namespace Distill.Attribution.Sqlite;

/// <summary>
/// What a snapshot read saw of the store, for the next delta (<see cref="SqliteSnapshotReader.ReadSince"/>): the schema
/// version, the last request row id read and the requests table's row count and content digest then, the latest request
/// time, every dictionary by row id, and which dictionary rows requests named (also requests the window has cut since).
/// </summary>
internal sealed record SqliteSnapshotState(
    int SchemaVersion,
    long RequestsUpTo,
    long RequestRows,
    byte[] RequestDigest,
    long? LatestMs,
    string?[][] Names,
    bool[][] RequestUsed);
