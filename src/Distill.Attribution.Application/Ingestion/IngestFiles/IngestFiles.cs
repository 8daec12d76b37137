using System.Diagnostics;
using System.Threading.Channels;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Application.Ingestion.Validation;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Application.Telemetry;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Ingestion.IngestFiles;

/// <summary>Validate and load contract files and directories into the store.</summary>
/// <param name="Paths">Files and directories (found through <see cref="IInputFileSystem.Discover"/>).</param>
/// <param name="Strict">Any rejection aborts its file with nothing of it kept.</param>
/// <param name="RejectsPath">Where the rejects report (JSON Lines) is written; always rewritten.</param>
public sealed record IngestFilesCommand(IReadOnlyList<string> Paths, bool Strict, string RejectsPath)
    : IRequest<IngestFilesResult>, IRequireRight
{
    /// <summary>Where progress goes while the files are read (bytes, rows, current file); optional.</summary>
    public IProgress<IngestProgress>? Progress { get; init; }

    /// <summary>Follow symbolic links to directories met while walking an input directory (each real directory once).</summary>
    public bool FollowDirectorySymlinks { get; init; }

    /// <summary>Plausibility limits (timestamp range, indicator breadth); the documented defaults when null.</summary>
    public RecordLimits? Limits { get; init; }

    /// <summary>How discovery walks the inputs for this command (also used by hosts to check usage before opening a store).</summary>
    public DiscoveryOptions Discovery => new(FollowDirectorySymlinks, RejectsPath);

    /// <summary>
    /// What discovery already found for <see cref="Paths"/> with <see cref="Discovery"/>: a host that checks usage before
    /// opening its store passes it on, so that discovery runs once per ingest. When null, the handler discovers.
    /// </summary>
    public DiscoveredInputs? Inputs { get; init; }

    public AccessRight RequiredRight => AccessRight.Ingest;
}

/// <summary>The outcome of an ingest: per file, per kind, and the totals.</summary>
public sealed record IngestFilesResult(
    IReadOnlyList<IngestFileSummary> Files,
    IReadOnlyList<IngestKindSummary> Kinds,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> UsageErrors,
    TimeSpan Elapsed)
{
    /// <summary>Time spent per pipeline stage (for the benchmark and the summary line).</summary>
    public IngestPipelineTimes? Pipeline { get; init; }

    public long RowsRead => Files.Sum(f => f.Read);

    public long Rejected => Files.Sum(f => f.Rejected);

    public int FileErrors => Files.Count(f => f.Error is not null);

    /// <summary>Rows read per second of wall-clock time.</summary>
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? RowsRead / Elapsed.TotalSeconds : 0;

    /// <summary>Whether anything was rejected (a row or a whole file): exit code 1.</summary>
    public bool HasRejections => Rejected > 0 || FileErrors > 0;
}

/// <summary>
/// Reads, validates and writes the files. Parsing and validation run on one thread while the store
/// writes the previous batch on another; a bounded channel between them keeps memory to a few batches.
/// Files are written in kind order (accounts first). In strict mode a file is validated in a first
/// pass and written in a second only if nothing was rejected, so memory stays bounded either way.
/// Without <c>--strict</c>, a file-level error part way through (a truncated gzip) keeps the batches
/// already written: they are valid rows, and re-running after fixing the file is idempotent.
/// Files are found, sized and opened through <see cref="IInputFileSystem"/>, and rejects go to an
/// <see cref="IRejectsReport"/>: the handler itself does no file I/O.
/// </summary>
public sealed class IngestFilesHandler(IIngestStore store, IInputFileSystem files, IRejectsReportFactory rejectsReports, IngestOptions? options = null)
    : IRequestHandler<IngestFilesCommand, IngestFilesResult>
{
    private readonly IIngestStore _store = store;
    private readonly IInputFileSystem _files = files;
    private readonly IRejectsReportFactory _rejectsReports = rejectsReports;
    private readonly IngestOptions _options = options ?? new IngestOptions();

    public Task<IngestFilesResult> Handle(IngestFilesCommand request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Handle(request, request.Progress, ct);
    }

    public async Task<IngestFilesResult> Handle(IngestFilesCommand command, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var clock = Stopwatch.StartNew();
        var discovered = command.Inputs ?? _files.Discover(command.Paths, command.Discovery, ct);
        if (discovered.Errors.Count > 0)
        {
            return new IngestFilesResult([], [], discovered.Warnings, discovered.Errors, clock.Elapsed);
        }

        using var activity = AttributionTelemetry.Source.StartActivity("ingest.files");
        activity?.SetTag("distill.ingest.files", discovered.Files.Count);
        activity?.SetTag("distill.ingest.strict", command.Strict);
        var counters = discovered.Files.Select(f => new FileCounters(f, _files.SizeOf(f))).ToArray();
        var warnings = new List<string>(discovered.Warnings);
        using var rejects = _rejectsReports.Create(command.RejectsPath);
        var channel = Channel.CreateBounded<PendingBatch>(new BoundedChannelOptions(Math.Max(1, _options.PipelineDepth))
        {
            SingleReader = true,
            SingleWriter = true,
        });

        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writer = Task.Run(() => WriteAllAsync(channel.Reader, failed), CancellationToken.None);
        var totalBytes = counters.Sum(f => f.Size);
        var reader = new Producer(this, channel.Writer, rejects, progress, clock, totalBytes, warnings, command.Strict, command.Limits ?? RecordLimits.Default);
        try
        {
            await Task.Run(() => reader.RunAsync(counters, failed.Token), CancellationToken.None);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The writer failed and cancelled the producer: awaiting the writer below rethrows its error.
        }
        finally
        {
            channel.Writer.TryComplete();
        }

        var (writerBusy, writerIdle) = await writer;
        ct.ThrowIfCancellationRequested();
        await _store.CompleteAsync(ct);
        foreach (var file in counters.Where(c => c.Conflicts > 0))
        {
            file.Warnings++;
            warnings.Add($"{file.File.Path}: {file.Conflicts:N0} row(s) repeat a request_id already stored with a different account or time; the stored row is kept and the repeat dropped");
        }

        var files = counters.Select(c => c.ToSummary()).ToArray();
        var kinds = files
            .GroupBy(f => f.Kind)
            .OrderBy(g => g.Key)
            .Select(g => new IngestKindSummary(
                g.Key,
                g.Count(),
                g.Sum(f => f.Read),
                g.Sum(f => f.Accepted),
                g.Sum(f => f.New),
                g.Sum(f => f.Rejected),
                g.Sum(f => f.Warnings),
                g.Count(f => f.Error is not null)))
            .ToArray();
        foreach (var kind in kinds)
        {
            var rejected = kind.Rejected + kind.FileErrors;
            if (rejected > 0)
            {
                AttributionTelemetry.Rejects.Add(rejected, AttributionTelemetry.Tag("distill.record.kind", ContractNames.Name(kind.Kind)));
            }
        }

        activity?.SetTag("distill.ingest.rows", files.Sum(f => f.Read));
        activity?.SetTag("distill.ingest.rejected", files.Sum(f => f.Rejected));
        return new IngestFilesResult(files, kinds, warnings, [], clock.Elapsed)
        {
            Pipeline = new IngestPipelineTimes(reader.Blocked, writerBusy, writerIdle),
        };
    }

    private async Task<(TimeSpan Busy, TimeSpan Idle)> WriteAllAsync(ChannelReader<PendingBatch> batches, CancellationTokenSource failed)
    {
        var busy = TimeSpan.Zero;
        var idle = TimeSpan.Zero;
        try
        {
            var since = Stopwatch.GetTimestamp();
            await foreach (var pending in batches.ReadAllAsync(CancellationToken.None))
            {
                idle += Stopwatch.GetElapsedTime(since);
                failed.Token.ThrowIfCancellationRequested();
                since = Stopwatch.GetTimestamp();
                int added;
                using (var batchActivity = AttributionTelemetry.Source.StartActivity("ingest.batch"))
                {
                    var kind = ContractNames.Name(pending.Batch.Kind);
                    batchActivity?.SetTag("distill.record.kind", kind);
                    batchActivity?.SetTag("distill.ingest.batch.rows", pending.Batch.Count);
                    added = await _store.WriteBatchAsync(pending.Batch, failed.Token);
                    batchActivity?.SetTag("distill.ingest.batch.new", added);
                    AttributionTelemetry.RowsIngested.Add(pending.Batch.Count, AttributionTelemetry.Tag("distill.record.kind", kind));
                }

                busy += Stopwatch.GetElapsedTime(since);
                Interlocked.Add(ref pending.Counters.New, added);
                Interlocked.Add(ref pending.Counters.Conflicts, pending.Batch.ConflictingDuplicates);
                since = Stopwatch.GetTimestamp();
            }

            return (busy, idle);
        }
        catch
        {
            // Stop the producer: nothing more can be written.
            await failed.CancelAsync();
            throw;
        }
    }

    /// <summary>A batch on its way to the store, with the counters of the file it came from.</summary>
    private sealed record PendingBatch(IngestBatch Batch, FileCounters Counters);

    /// <summary>Counts of one file; <see cref="New"/> is updated by the writer thread.</summary>
    private sealed class FileCounters(InputFile file, long size)
    {
#pragma warning disable CA1051 // Interlocked needs a field.
        public long New;

        public long Conflicts;
#pragma warning restore CA1051

        public InputFile File { get; } = file;

        /// <summary>The file's size in bytes when the ingest started (compressed, if gzip).</summary>
        public long Size { get; } = size;

        public long Read { get; set; }

        public long Accepted { get; set; }

        public long Rejected { get; set; }

        public int Warnings { get; set; }

        public string? Error { get; set; }

        public bool Aborted { get; set; }

        public IngestFileSummary ToSummary() =>
            new(File.Path, File.Kind, Read, Accepted, Interlocked.Read(ref New), Rejected, Warnings, Error, Aborted);
    }

    /// <summary>The parsing side of the pipeline (runs on its own thread).</summary>
    private sealed class Producer(
        IngestFilesHandler owner,
        ChannelWriter<PendingBatch> output,
        IRejectsReport rejects,
        IProgress<IngestProgress>? progress,
        Stopwatch clock,
        long totalBytes,
        List<string> warnings,
        bool strict,
        RecordLimits limits)
    {
        private long _bytesDone;
        private long _rowsRead;
        private long _rowsRejected;

        /// <summary>Time spent waiting for room in the channel (the store is behind).</summary>
        public TimeSpan Blocked { get; private set; }

        public async Task RunAsync(FileCounters[] files, CancellationToken ct)
        {
            foreach (var file in files)
            {
                ct.ThrowIfCancellationRequested();
                if (strict)
                {
                    var clean = await ReadFileAsync(file, write: false, ct);
                    if (!clean)
                    {
                        file.Aborted = true;
                        file.Accepted = 0;
                        AddBytes(file);
                        continue;
                    }

                    // The second pass counts again from zero; its rejects cannot differ from the first.
                    file.Read = file.Accepted = file.Rejected = 0;
                    file.Warnings = 0;
                }

                await ReadFileAsync(file, write: true, ct);
                AddBytes(file);
            }
        }

        private void AddBytes(FileCounters file) => _bytesDone += file.Size;

        /// <summary>Reads one file into batches of its own record type; returns whether it was clean (no rejection, no file error).</summary>
        private Task<bool> ReadFileAsync(FileCounters file, bool write, CancellationToken ct)
        {
            var source = file.File.Path;
            return file.File.Kind switch
            {
                RecordKind.Accounts => ReadFileAsync<AccountRecord>(file, write, rows => new IngestBatch { Kind = RecordKind.Accounts, Source = source, Accounts = rows }, ct),
                RecordKind.Payments => ReadFileAsync<PaymentRecord>(file, write, rows => new IngestBatch { Kind = RecordKind.Payments, Source = source, Payments = rows }, ct),
                RecordKind.Sessions => ReadFileAsync<SessionRecord>(file, write, rows => new IngestBatch { Kind = RecordKind.Sessions, Source = source, Sessions = rows }, ct),
                RecordKind.Requests => ReadFileAsync<RequestRecord>(file, write, rows => new IngestBatch { Kind = RecordKind.Requests, Source = source, Requests = rows }, ct),
                RecordKind.Releases => ReadFileAsync<ReleaseRecord>(file, write, rows => new IngestBatch { Kind = RecordKind.Releases, Source = source, Releases = rows }, ct),
                RecordKind.Indicators => ReadFileAsync<IndicatorRecord>(file, write, rows => new IngestBatch { Kind = RecordKind.Indicators, Source = source, Indicators = rows }, ct),
                _ => throw new ArgumentOutOfRangeException(nameof(file), file.File.Kind, "Unknown record kind."),
            };
        }

        /// <summary>
        /// Reads one file whose rows convert to <typeparamref name="T"/> (the converter of the file's kind makes
        /// nothing else): rows go into a <see cref="List{T}"/> that becomes the batch's list as it is.
        /// </summary>
        private async Task<bool> ReadFileAsync<T>(FileCounters file, bool write, Func<List<T>, IngestBatch> toBatch, CancellationToken ct)
            where T : class
        {
            var input = file.File;
            var options = owner._options;
            var batchSize = input.Kind == RecordKind.Requests ? options.RequestBatchSize : options.BatchSize;
            var converter = new RowConverter(input.Kind, limits: limits);
            var batch = new List<T>(Math.Min(batchSize, 4096));
            InputFileReader? reader = null;
            try
            {
                reader = InputFileReader.Open(owner._files, input, options.Reader);
                if (reader.Rows.IsEmpty)
                {
                    AddWarning(file, "empty file; nothing to ingest");
                    return true;
                }

                var row = new RawRow(reader.Schema.Count);
                var sinceProgress = 0;
                while (reader.Rows.ReadRow(row))
                {
                    file.Read++;
                    if (converter.TryConvert(row, out var record, out var field, out var reason))
                    {
                        file.Accepted++;
                        if (write)
                        {
                            batch.Add((T)record!);
                            if (batch.Count >= batchSize)
                            {
                                await SendAsync(new PendingBatch(toBatch(batch), file), ct);
                                batch = new List<T>(batchSize);
                            }
                        }
                    }
                    else
                    {
                        file.Rejected++;
                        _rowsRejected++;
                        rejects.Add(input.Path, row.Line, field, reason!);
                    }

                    if (++sinceProgress >= options.ProgressEveryRows)
                    {
                        _rowsRead += sinceProgress;
                        sinceProgress = 0;
                        Report(input, reader.BytesRead);
                        ct.ThrowIfCancellationRequested();
                    }
                }

                _rowsRead += sinceProgress;
                foreach (var warning in reader.Rows.Warnings)
                {
                    AddWarning(file, warning);
                }

                if (write && batch.Count > 0)
                {
                    await SendAsync(new PendingBatch(toBatch(batch), file), ct);
                }

                Report(input, reader.BytesRead);
                return file.Rejected == 0;
            }
            catch (Exception e) when (e is InputFileException or IOException or InvalidDataException or UnauthorizedAccessException)
            {
                var (line, field) = e is InputFileException fe ? (fe.Line, fe.Field) : (0L, null);
                file.Error = e.Message;
                rejects.Add(input.Path, line, field, e.Message);
                return false;
            }
            finally
            {
                reader?.Dispose();
            }
        }

        private async ValueTask SendAsync(PendingBatch pending, CancellationToken ct)
        {
            // The store's per-row hashing runs here, on the reading thread, while the writer stores the previous batch.
            pending.Batch.Prepared = owner._store.PrepareBatch(pending.Batch);
            if (output.TryWrite(pending))
            {
                return;
            }

            var since = Stopwatch.GetTimestamp();
            await output.WriteAsync(pending, ct);
            Blocked += Stopwatch.GetElapsedTime(since);
        }

        private void AddWarning(FileCounters file, string warning)
        {
            file.Warnings++;
            warnings.Add($"{file.File.Path}: {warning}");
        }

        private void Report(InputFile input, long bytesInFile) =>
            progress?.Report(new IngestProgress(input.Path, _bytesDone + bytesInFile, totalBytes, _rowsRead, _rowsRejected, clock.Elapsed));
    }
}
