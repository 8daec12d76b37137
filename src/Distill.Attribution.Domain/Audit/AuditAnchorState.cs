namespace Distill.Attribution.Domain.Audit;

/// <summary>The state of an <see cref="AuditAnchor"/>.</summary>
public enum AuditAnchorState
{
    /// <summary>The store keeps no external anchor (test doubles): only the chain is checked.</summary>
    NotSupported,

    /// <summary>Neither an anchor nor its key exists: a store that never audited anything.</summary>
    None,

    /// <summary>An anchor whose authentication code is valid.</summary>
    Valid,

    /// <summary>The anchor or its key is missing while the other exists, or the anchor's code does not verify.</summary>
    Invalid,
}
