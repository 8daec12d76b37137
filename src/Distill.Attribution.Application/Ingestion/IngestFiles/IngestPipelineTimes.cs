namespace Distill.Attribution.Application.Ingestion.IngestFiles;

/// <summary>
/// Where the ingest pipeline spent its time, to tell whether reading and writing overlap: the reader
/// blocked on a full channel means the store is the bottleneck; the writer idle means parsing is.
/// </summary>
/// <param name="ReaderBlocked">Time the reading thread waited for room in the channel.</param>
/// <param name="WriterBusy">Time the store spent writing batches.</param>
/// <param name="WriterIdle">Time the writing side waited for the next batch.</param>
public sealed record IngestPipelineTimes(TimeSpan ReaderBlocked, TimeSpan WriterBusy, TimeSpan WriterIdle);
