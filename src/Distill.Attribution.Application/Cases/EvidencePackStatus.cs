namespace Distill.Attribution.Application.Cases;

/// <summary>Where an evidence-pack request stands.</summary>
public enum EvidencePackStatus
{
    /// <summary>The pack was written; its location is in the answer.</summary>
    Ready,

    /// <summary>The cluster is not flagged, so there is nothing to accuse anyone of: no pack.</summary>
    NotFlagged,
}
