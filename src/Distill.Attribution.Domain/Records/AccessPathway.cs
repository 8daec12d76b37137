namespace Distill.Attribution.Domain.Records;

#pragma warning disable CA1028 // Stored as its byte value.
/// <summary>How an account got access to the API.</summary>
public enum AccessPathway : byte
{
    SelfServe,
    Education,
    SecurityResearch,
    StartupProgram,
    Enterprise,
    Reseller,
    Other,
}
#pragma warning restore CA1028
