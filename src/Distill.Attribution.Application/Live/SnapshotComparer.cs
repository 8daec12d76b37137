using System.Globalization;
using System.Reflection;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Live;

/// <summary>
/// Compares two snapshots column by column: every public property of <see cref="DetectionSnapshot"/> (found by
/// reflection, so a column added later is compared too), arrays element by element. Used to check that a snapshot
/// built from deltas equals a full read (tests, and <c>distill replay --check-snapshots</c>).
/// </summary>
public static class SnapshotComparer
{
    private static readonly PropertyInfo[] Columns = typeof(DetectionSnapshot)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .OrderBy(p => p.MetadataToken)
        .ToArray();

    /// <summary>One line per column that differs (its name, lengths or the first index that differs and both values); empty when equal.</summary>
    public static IReadOnlyList<string> Differences(DetectionSnapshot expected, DetectionSnapshot actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<string>();
        foreach (var column in Columns)
        {
            var x = column.GetValue(expected);
            var y = column.GetValue(actual);
            if (x is Array a && y is Array b)
            {
                if (a.Length != b.Length)
                {
                    differences.Add(string.Create(CultureInfo.InvariantCulture, $"{column.Name}: expected {a.Length} entries, got {b.Length}"));
                    continue;
                }

                if (FirstDifference(a, b) is { } i)
                {
                    differences.Add(string.Create(CultureInfo.InvariantCulture, $"{column.Name}[{i}]: expected {Show(a.GetValue(i))}, got {Show(b.GetValue(i))}"));
                }
            }
            else if (!Equals(x, y))
            {
                differences.Add($"{column.Name}: expected {Show(x)}, got {Show(y)}");
            }
        }

        return differences;
    }

    private static int? FirstDifference(Array a, Array b)
    {
        int index;
        switch (a)
        {
            case int[] x:
                index = x.AsSpan().CommonPrefixLength((int[])b);
                break;
            case long[] x:
                index = x.AsSpan().CommonPrefixLength((long[])b);
                break;
            default:
                index = 0;
                while (index < a.Length && Equals(a.GetValue(index), b.GetValue(index)))
                {
                    index++;
                }

                break;
        }

        return index < a.Length ? index : null;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "?",
    };
}
