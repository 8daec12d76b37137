namespace Distill.Attribution.Synthetic;

/// <summary>
/// Everything planned before a single request is written: tables of models, capabilities, clients,
/// prompt templates and IPs (each pre-encoded to UTF-8 once), the accounts in id order, payments and
/// indicators. The request writer only reads it, from many threads.
/// </summary>
internal sealed class SyntheticWorld
{
    public required ulong Seed { get; init; }

    public required long PeriodStart { get; init; }

    public required long PeriodEnd { get; init; }

    public required string[] Models { get; init; }

    public required byte[][] ModelsUtf8 { get; init; }

    public required long[] ModelReleases { get; init; }

    public required byte[][] CapabilitiesUtf8 { get; init; }

    public required byte[][] ClientsUtf8 { get; init; }

    public required byte[][] TemplatesUtf8 { get; init; }

    public required IReadOnlyList<IpEntry> Ips { get; init; }

    /// <summary>Sorted by account id; request ids and files follow this order.</summary>
    public required PlannedAccount[] Accounts { get; init; }

    public required IReadOnlyList<(PlannedAccount Account, PaymentRow Payment)> Payments { get; init; }

    public required IReadOnlyList<IndicatorRow> Indicators { get; init; }

    public long TotalRequests { get; init; }

    /// <summary>The structure each population was made with (scenario.json).</summary>
    public IReadOnlyList<AppliedVariant> Variants { get; set; } = [];
}
