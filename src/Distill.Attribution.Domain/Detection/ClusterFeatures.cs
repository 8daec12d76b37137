namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// The interpretable features of a cluster, each in [0, 1] (see docs/detection.md), and the raw counts
/// they came from.
/// </summary>
public sealed record ClusterFeatures
{
    /// <summary>Share of members in lockstep with another member.</summary>
    public double Synchrony { get; init; }

    /// <summary>Share of the cluster's requests on templates shared by many of its members.</summary>
    public double TemplateConcentration { get; init; }

    /// <summary>Share of members who run a template the cluster holds, when it holds a pool of them (more held templates than
    /// chance gives; <see cref="DetectionParameters.TemplatePoolByMembers"/>); 0 otherwise.</summary>
    public double TemplatePool { get; init; }

    /// <summary>Weighted share of harvested capabilities among the concealed members' requests on the templates of the pool
    /// the cluster holds (<see cref="TemplatePool"/>); 0 when it holds none.</summary>
    public double TemplatePoolHarvest { get; init; }

    /// <summary>Weighted share of the cluster's requests on harvested capabilities.</summary>
    public double CapabilityConcentration { get; init; }

    /// <summary>Weighted share of harvested capabilities among the requests on templates shared by many members (0 when
    /// there are none): the campaign's own prompts, however much resold or camouflage traffic surrounds them.</summary>
    public double SharedTemplateHarvest { get; init; }

    /// <summary>How much faster than the population the cluster moved to newly released models.</summary>
    public double ReleasePivot { get; init; }

    /// <summary>Share of members sharing an instrument with another member (own-organisation cards count less).</summary>
    public double PaymentSharing { get; init; }

    /// <summary>Mean access-pathway risk of the members.</summary>
    public double PathwayMix { get; init; }

    /// <summary>Share of members created within minutes of another member.</summary>
    public double SignupBurst { get; init; }

    /// <summary>Size on a log scale.</summary>
    public double Size { get; init; }

    /// <summary>Requests per member against the population, on a log scale.</summary>
    public double Volume { get; init; }

    /// <summary>Share of members of one declared organisation on an enterprise, education or research pathway.</summary>
    public double OrgConsistency { get; init; }

    /// <summary>Share of members in lockstep with another member in the tolerant pass over harvesting requests only.</summary>
    public double HarvestSynchrony { get; init; }

    /// <summary>Days (hour resolution) holding the central <see cref="DetectionParameters.HarvestSpanShare"/> of the
    /// cluster's harvesting requests (0 when none); not a score term: the verdict uses it to recognise a one-off event.</summary>
    public double HarvestSpanDays { get; init; }

    /// <summary>Share of members with a co-use link (many distinct shared elements beyond chance) to another member.</summary>
    public double CoUse { get; init; }

    /// <summary>How far the members' joint harvesting activity per time bucket exceeds what their own rhythms predict
    /// (each member shifted by random whole days as the null), mapped to [0, 1]; 0 below the minimum z-score.</summary>
    public double GroupSynchrony { get; init; }

    /// <summary>Share of members openly of one organisation: one declared name (any pathway but reseller) and the
    /// organisation's own e-mail domain. Counter-evidence.</summary>
    public double Transparency { get; init; }

    /// <summary>Share of members open about their own organisation (each judged against the organisation it declares: a
    /// vetted pathway, its own e-mail domain, or a rare name colleagues share) whose private ties inside the cluster stay
    /// within that organisation. With <see cref="DetectionParameters.TransparencyPerOrganisation"/> the transparency guard
    /// reads the larger of this and <see cref="Transparency"/>; not a score term.</summary>
    public double OpenOrganisations { get; init; }

    /// <summary>Share of members that are one named person with every member their private ties inside the cluster reach:
    /// the same display name, rare enough in the population not to be chance
    /// (<see cref="DetectionParameters.TransparencyOnePerson"/>). Counter-evidence; not a score term.</summary>
    public double OnePerson { get; init; }

    /// <summary>Share of members tied to another member by shared money or infrastructure (payment, shared-IP, or co-use
    /// links of an address, network or instrument kind; not template or client co-use, which strangers running the same
    /// public software share) without presenting as that organisation: unrelated-looking identities on shared
    /// resources.</summary>
    public double Concealment { get; init; }

    /// <summary>Distinct payment instruments a member shares with another member of a different organisation, or where
    /// either declares none (organisations as <see cref="OpenOrganisations"/> reads them): one operator's money spread over
    /// unrelated-looking identities. An organisation's own card shared by its people does not count; a family's card
    /// counts once. Not a score term: the verdict's reseller reading counts it
    /// (<see cref="DetectionParameters.ResellerMinConcealedInstruments"/>).</summary>
    public int ConcealedInstruments { get; init; }

    public int MemberCount { get; init; }

    public long RequestCount { get; init; }
}
