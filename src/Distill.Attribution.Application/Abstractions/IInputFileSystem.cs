using Distill.Attribution.Application.Ingestion.Reading;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// Where ingest input comes from: finding the files behind the paths a caller named, their sizes and their bytes.
/// The ingest pipeline does no file I/O of its own; Infrastructure implements this on the local file system.
/// </summary>
public interface IInputFileSystem
{
    /// <summary>
    /// Turns files and directories into the recognised input files, in write order (kind, then path), with warnings
    /// (skipped entries) and usage errors (a missing path, an unrecognised file named explicitly, a rejects report
    /// among the inputs). Checks <paramref name="ct"/> at every directory.
    /// </summary>
    DiscoveredInputs Discover(IEnumerable<string> paths, DiscoveryOptions options, CancellationToken ct);

    /// <summary>The size of a file in bytes (compressed, if gzip), for progress by bytes.</summary>
    long SizeOf(InputFile file);

    /// <summary>Opens a file's bytes (compressed, if gzip) for one sequential read; the stream is seekable and has a length.</summary>
    Stream OpenRead(InputFile file);

    /// <summary>SHA-256 over a batch's files (relative name and bytes, in name order): with its name, a live batch's identity.</summary>
    string ContentHash(string path);
}
