namespace Distill.Attribution.Synthetic;

/// <summary>What a generation run wrote.</summary>
public sealed record GenerationSummary(
    string InputDirectory,
    string TruthPath,
    IReadOnlyDictionary<string, long> RowsPerFile,
    IReadOnlyDictionary<ScenarioKind, int> AccountsPerScenario,
    IReadOnlyDictionary<ScenarioKind, long> RequestsPerScenario,
    long TotalBytes,
    TimeSpan Elapsed);
