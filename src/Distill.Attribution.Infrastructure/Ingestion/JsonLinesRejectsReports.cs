using Distill.Attribution.Application.Abstractions;

namespace Distill.Attribution.Infrastructure.Ingestion;

/// <summary>Rejects reports as JSON Lines files (docs/data-contract.md, "The rejects report"); the directory is created if needed.</summary>
public sealed class JsonLinesRejectsReports : IRejectsReportFactory
{
    public IRejectsReport Create(string path) => new JsonLinesRejectsReport(path);
}
