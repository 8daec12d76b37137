namespace Distill.Attribution.Synthetic;

/// <summary>
/// What <c>--variant</c> asked for: nothing (today's reference world), one preset or <c>random</c> for every
/// campaign, or per kind (<c>hydra_reseller=poisson,sync_operator=random</c>). Any selection also turns on
/// the look-alike family (transparent teams on every pathway, innocents on the campaigns' exits).
/// </summary>
public sealed class VariantSelection
{
    private readonly Dictionary<ScenarioKind, string> _perKind;
    private readonly Dictionary<ScenarioKind, CampaignVariant> _custom = [];

    private VariantSelection(Dictionary<ScenarioKind, string> perKind) => _perKind = perKind;

    /// <summary>Explicit variants per kind (tests and benchmarks that need one axis pinned).</summary>
    internal static VariantSelection Custom(IReadOnlyDictionary<ScenarioKind, CampaignVariant> variants)
    {
        var selection = new VariantSelection(variants.ToDictionary(p => p.Key, p => p.Value.Name));
        foreach (var (kind, variant) in variants)
        {
            selection._custom[kind] = variant;
        }

        return selection;
    }

    /// <summary>The explicit variant for a kind, if one was given with <see cref="Custom"/>.</summary>
    internal CampaignVariant? CustomFor(ScenarioKind kind) => _custom.GetValueOrDefault(kind);

    /// <summary>The selection as <c>kind=name,…</c> in kind order (what scenario.json records).</summary>
    public override string ToString() => string.Join(',', _perKind.OrderBy(p => p.Key).Select(p => $"{ScenarioNames.Name(p.Key)}={p.Value}"));

    /// <summary>No variant: the reference world, byte-identical to earlier versions.</summary>
    public static VariantSelection Default { get; } = new([]);

    public bool IsDefault => _perKind.Count == 0;

    /// <summary>The preset name or <c>random</c> for a campaign kind; null = the reference structure.</summary>
    public string? For(ScenarioKind kind) => _perKind.GetValueOrDefault(kind);

    /// <summary>Names a user may pass: every preset and <c>random</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. CampaignVariant.Presets.Keys, "random"];

    /// <summary>Parses <c>NAME</c>, <c>random</c>, <c>default</c> or <c>kind=NAME,…</c>; false with a message on a bad value.</summary>
    public static bool TryParse(string? text, out VariantSelection selection, out string error)
    {
        selection = Default;
        error = "";
        if (string.IsNullOrWhiteSpace(text) || text == "default")
        {
            return true;
        }

        var perKind = new Dictionary<ScenarioKind, string>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[(eq + 1)..];
            if (!Names.Contains(name))
            {
                error = $"unknown variant '{name}'; one of: {string.Join(", ", Names)} (or default)";
                return false;
            }

            if (eq < 0)
            {
                foreach (var kind in ScenarioNames.All.Where(ScenarioNames.IsFraud))
                {
                    perKind[kind] = name;
                }

                continue;
            }

            var kindName = part[..eq];
            var match = ScenarioNames.All.Where(k => ScenarioNames.IsFraud(k) && ScenarioNames.Name(k) == kindName).ToList();
            if (match.Count == 0)
            {
                error = $"unknown campaign kind '{kindName}'; one of: {string.Join(", ", ScenarioNames.All.Where(ScenarioNames.IsFraud).Select(ScenarioNames.Name))}";
                return false;
            }

            perKind[match[0]] = name;
        }

        selection = new VariantSelection(perKind);
        return true;
    }
}
