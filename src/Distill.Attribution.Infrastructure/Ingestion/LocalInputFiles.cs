using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Infrastructure.Live;

namespace Distill.Attribution.Infrastructure.Ingestion;

/// <summary>Ingest input on the local file system: discovery (<see cref="InputFileDiscovery"/>), sizes, sequential reads.</summary>
public sealed class LocalInputFiles : IInputFileSystem
{
    public DiscoveredInputs Discover(IEnumerable<string> paths, DiscoveryOptions options, CancellationToken ct) =>
        InputFileDiscovery.Discover(paths, options, ct);

    public long SizeOf(InputFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        // A symbolic link's own size is its target's path length: progress is measured against the file it names.
        var info = new FileInfo(file.Path);
        return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo { Exists: true } target
            ? target.Length
            : info.Length;
    }

    public Stream OpenRead(InputFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }

    public string ContentHash(string path) => LiveInbox.ContentHash(path);
}
