using System.Globalization;

namespace Distill.Attribution.Domain.Detection;

/// <summary>The valid values of one detection parameter.</summary>
public sealed record ParameterRange(string Kind, double Min, double Max, bool MinExclusive, IReadOnlyList<string>? Allowed, int MaxItems)
{
    public static ParameterRange AnyBoolean { get; } = new("boolean", 0, 1, false, null, 0);

    public static ParameterRange Number(double min, double max, bool minExclusive = false) => new("number", min, max, minExclusive, null, 0);

    public static ParameterRange WholeNumber(long min, long max) => new("integer", min, max, false, null, 0);

    public static ParameterRange OneOf(params string[] values) => new("one of", 0, 0, false, values, 0);

    /// <summary>A list of distinct names, each one of <paramref name="values"/>.</summary>
    public static ParameterRange SubsetOf(params string[] values) => new("subset of", 0, 0, false, values, values.Length);

    public static ParameterRange WeightedNames(int maxItems, double minWeight, double maxWeight) => new("weighted names", minWeight, maxWeight, false, null, maxItems);

    /// <summary>"between 0 and 1", "above 0 and at most 1000", "cpm or modularity", ...</summary>
    public string Describe() => Kind switch
    {
        "boolean" => "true or false",
        "one of" => string.Join(" or ", Allowed!),
        "subset of" => $"a list of distinct names from {string.Join(", ", Allowed!)}",
        "weighted names" => $"at most {MaxItems} entries, each a non-empty name and a weight between {Format(Min)} and {Format(Max)}",
        _ when MinExclusive => $"above {Format(Min)} and at most {Format(Max)}",
        _ => $"between {Format(Min)} and {Format(Max)}",
    };

    /// <summary>Null when <paramref name="value"/> is valid, else a message naming the parameter and its range.</summary>
    public string? Check(string name, object? value)
    {
        var ok = value switch
        {
            bool => Kind == "boolean",
            string s => Allowed is not null && Allowed.Contains(s, StringComparer.Ordinal),
            int i => Kind == "integer" && InRange(i),
            double d => Kind == "number" && double.IsFinite(d) && InRange(d),
            IReadOnlyList<string> names => Kind == "subset of" && names.Count <= MaxItems
                && names.Distinct(StringComparer.Ordinal).Count() == names.Count && names.All(n => Allowed!.Contains(n, StringComparer.Ordinal)),
            IReadOnlyList<WeightedName> list => Kind == "weighted names" && list.Count <= MaxItems
                && list.All(w => w is not null && !string.IsNullOrWhiteSpace(w.Name) && w.Name.Length <= 100 && double.IsFinite(w.Weight) && InRange(w.Weight)),
            _ => false,
        };
        return ok ? null : $"{name} must be {Describe()}.";
    }

    private bool InRange(double value) => (MinExclusive ? value > Min : value >= Min) && value <= Max;

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
