namespace Distill.Attribution.Cli;

/// <summary>The contract's exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>Rejected input or a failed check.</summary>
    public const int Rejected = 1;
    /// <summary>Usage or fatal error.</summary>
    public const int Usage = 2;
}
