namespace Distill.Attribution.Application.Abstractions;

/// <summary>Creates the rejects report of an ingest (always a new, empty report: an earlier one at the same place is replaced).</summary>
public interface IRejectsReportFactory
{
    IRejectsReport Create(string path);
}
