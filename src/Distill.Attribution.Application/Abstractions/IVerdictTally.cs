namespace Distill.Attribution.Application.Abstractions;

/// <summary>Counts the latest verdict of each cluster detected by one detector version.</summary>
public interface IVerdictTally
{
    Task<VerdictCounts> CountAsync(string codeVersion, string parametersHash, CancellationToken ct);
}
