namespace Distill.Attribution.Application.Abstractions;

/// <summary>How a pack differs from what its signed manifest says.</summary>
public enum PackProblemKind
{
    /// <summary>An entry's bytes do not match its listed SHA-256.</summary>
    Altered,

    /// <summary>An entry is in the ZIP but not in the manifest.</summary>
    Added,

    /// <summary>An entry listed in the manifest is missing.</summary>
    Removed,

    /// <summary>The manifest's signature does not verify (the manifest or the signature was changed).</summary>
    BadSignature,

    /// <summary>The file is not a readable pack (not a ZIP, no manifest, unreadable key).</summary>
    Malformed,

    /// <summary>The ZIP carries something outside its entries that distill never writes: a comment, bytes before or after the archive.</summary>
    Container,

    /// <summary>The pack verifies but was signed by a key that is not in the trusted list it was checked against.</summary>
    UntrustedKey,
}
