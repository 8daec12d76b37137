using System.Text;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>
/// A row as text, one value per contract field (null = absent): what the FluentValidation validators
/// check before the row becomes a typed record.
/// </summary>
public sealed class RawRecord
{
    public RawRecord(RecordKind kind, string?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Kind = kind;
        Values = values;
    }

    public RecordKind Kind { get; }

    /// <summary>The values in contract field order (see the contract's tables).</summary>
    public IReadOnlyList<string?> Values { get; }

    public string? this[int slot] => Values[slot];

    /// <summary>Builds a raw record from field names, for tests and small inputs.</summary>
    public static RawRecord From(RecordKind kind, IReadOnlyDictionary<string, string?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var schema = RecordSchema.For(kind);
        var values = new string?[schema.Count];
        foreach (var (name, value) in fields)
        {
            var slot = Array.IndexOf(schema.Names, name);
            if (slot < 0)
            {
                throw new ArgumentException($"'{name}' is not a field of {ContractNames.Name(kind)}.", nameof(fields));
            }

            values[slot] = string.IsNullOrEmpty(value) ? null : value;
        }

        return new RawRecord(kind, values);
    }

    internal static RawRecord From(RecordKind kind, RawRow row)
    {
        var values = new string?[row.SlotCount];
        for (var i = 0; i < values.Length; i++)
        {
            if (row.Has(i))
            {
                values[i] = Encoding.UTF8.GetString(row.Get(i));
            }
        }

        return new RawRecord(kind, values);
    }
}
