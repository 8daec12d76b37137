namespace Distill.Attribution.Domain.Records;

#pragma warning disable CA1028 // Stored as its byte value.
/// <summary>Account status.</summary>
public enum AccountStatus : byte
{
    Active,
    Suspended,
    Closed,
}
#pragma warning restore CA1028
