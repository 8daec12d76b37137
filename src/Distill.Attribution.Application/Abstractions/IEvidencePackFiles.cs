namespace Distill.Attribution.Application.Abstractions;

/// <summary>Evidence packs already written where the server keeps them (for download).</summary>
public interface IEvidencePackFiles
{
    /// <summary>The pack at <paramref name="path"/>, or null when there is none.</summary>
    EvidencePackFile? Find(string path);
}

/// <summary>A pack file: its full path and its length in bytes.</summary>
public sealed record EvidencePackFile(string FullPath, long Length);
