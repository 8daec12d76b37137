namespace Distill.Attribution.Domain.Records;

#pragma warning disable CA1028 // Stored as its byte value.
/// <summary>The six record types of the input contract; a file's type comes from its name's stem.</summary>
public enum RecordKind : byte
{
    Accounts,
    Payments,
    Sessions,
    Requests,
    Releases,
    Indicators,
}
#pragma warning restore CA1028
