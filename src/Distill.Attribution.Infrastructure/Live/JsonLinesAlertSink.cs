using Distill.Attribution.Application.Live;

namespace Distill.Attribution.Infrastructure.Live;

/// <summary>Appends each alert change as one JSON line (<see cref="AlertJson"/>) to a file, flushed per run.</summary>
public sealed class JsonLinesAlertSink(string path) : IAlertSink
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Lock _gate = new();

    public void Publish(IReadOnlyList<AlertChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            foreach (var change in changes)
            {
                file.Write(AlertJson.Serialize(change));
                file.Write(NewLine);
            }

            file.Flush(flushToDisk: true);
        }
    }
}
