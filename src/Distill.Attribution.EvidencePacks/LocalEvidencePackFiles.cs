using Distill.Attribution.Application.Abstractions;

namespace Distill.Attribution.EvidencePacks;

/// <summary>Evidence packs on the local file system.</summary>
internal sealed class LocalEvidencePackFiles : IEvidencePackFiles
{
    public EvidencePackFile? Find(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? new EvidencePackFile(file.FullName, file.Length) : null;
    }
}
