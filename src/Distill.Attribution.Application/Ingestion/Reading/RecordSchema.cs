using System.Text;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>The field names (as CSV columns or JSON keys) and required flags of one record kind.</summary>
internal sealed class RecordSchema
{
    private static readonly RecordSchema[] ByKind =
    [
        new(RecordKind.Accounts, AccountFields.Names, AccountFields.Required),
        new(RecordKind.Payments, PaymentFields.Names, PaymentFields.Required),
        new(RecordKind.Sessions, SessionFields.Names, SessionFields.Required),
        new(RecordKind.Requests, RequestFields.Names, RequestFields.Required),
        new(RecordKind.Releases, ReleaseFields.Names, ReleaseFields.Required),
        new(RecordKind.Indicators, IndicatorFields.Names, IndicatorFields.Required),
    ];

    private RecordSchema(RecordKind kind, string[] names, bool[] required)
    {
        Kind = kind;
        Names = names;
        Required = required;
        Utf8Names = new byte[names.Length][];
        for (var i = 0; i < names.Length; i++)
        {
            Utf8Names[i] = Encoding.UTF8.GetBytes(names[i]);
        }
    }

    public RecordKind Kind { get; }

    public string[] Names { get; }

    public byte[][] Utf8Names { get; }

    public bool[] Required { get; }

    public int Count => Names.Length;

    public static RecordSchema For(RecordKind kind) => ByKind[(int)kind];

    /// <summary>The slot of a field name, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8Name)
    {
        for (var i = 0; i < Utf8Names.Length; i++)
        {
            if (utf8Name.SequenceEqual(Utf8Names[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
