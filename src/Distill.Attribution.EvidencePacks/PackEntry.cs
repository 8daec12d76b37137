namespace Distill.Attribution.EvidencePacks;

/// <summary>One file of a pack: its path inside the ZIP and its bytes.</summary>
internal sealed record PackEntry(string Path, byte[] Bytes);
