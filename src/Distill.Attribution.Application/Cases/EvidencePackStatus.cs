namespace Distill.Attribution.Application.Cases;

/// <summary>Where an evidence-pack request stands.</summary>
public enum EvidencePackStatus
{
    /// <summary>Evidence packs are not built by this version (a later issue adds them); nothing was queued.</summary>
    NotAvailable,
}
