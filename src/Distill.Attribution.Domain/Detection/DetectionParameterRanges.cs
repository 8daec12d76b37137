using System.Reflection;

namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// The valid range of every <see cref="DetectionParameters"/> property, in one table next to the parameters. One
/// check (<see cref="Check"/>) serves the CLI's <c>detect</c>, the <c>runDetection</c> mutation and anything else
/// that accepts parameters. A parameter without a row fails <c>DetectionParameterRangesTests</c>, so a new
/// parameter cannot be merged without its range. The bounds keep a run finite in time and memory (issue 17:
/// <c>ClusteringResolution: 1e308</c> was accepted, extreme lockstep settings ran past the request's timeout).
/// </summary>
public static class DetectionParameterRanges
{
    private const double Big = 1e6;

    /// <summary>Parameter name → range. Numbers must also be finite.</summary>
    public static IReadOnlyDictionary<string, ParameterRange> All { get; } = new Dictionary<string, ParameterRange>(StringComparer.Ordinal)
    {
        // Link weights.
        [nameof(DetectionParameters.PaymentLinkWeight)] = ParameterRange.Number(0, 10),
        [nameof(DetectionParameters.IpLinkWeight)] = ParameterRange.Number(0, 10),
        [nameof(DetectionParameters.LockstepLinkWeight)] = ParameterRange.Number(0, 10),
        [nameof(DetectionParameters.HarvestLockstepLinkWeight)] = ParameterRange.Number(0, 10),
        [nameof(DetectionParameters.PromptLinkWeight)] = ParameterRange.Number(0, 10),
        [nameof(DetectionParameters.ClientLinkWeight)] = ParameterRange.Number(0, 10),
        [nameof(DetectionParameters.EnterpriseOrgCardFactor)] = ParameterRange.Number(0, 1),

        // Group-size caps: below 2 nothing links; above these a shared value glues unrelated crowds (and costs pairs²).
        [nameof(DetectionParameters.PaymentPairwiseMaxAccounts)] = ParameterRange.WholeNumber(2, 1000),
        [nameof(DetectionParameters.PaymentMaxAccounts)] = ParameterRange.WholeNumber(2, 100_000),
        [nameof(DetectionParameters.IpMaxAccounts)] = ParameterRange.WholeNumber(2, 10_000),
        [nameof(DetectionParameters.PromptPairwiseMaxAccounts)] = ParameterRange.WholeNumber(2, 1000),
        [nameof(DetectionParameters.PromptMaxAccounts)] = ParameterRange.WholeNumber(2, 100_000),
        [nameof(DetectionParameters.ClientMaxAccounts)] = ParameterRange.WholeNumber(2, 10_000),
        [nameof(DetectionParameters.LargeGroupWindow)] = ParameterRange.WholeNumber(1, 100),
        [nameof(DetectionParameters.PromptMinAccountShare)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.PromptMinRequests)] = ParameterRange.WholeNumber(1, 1_000_000),

        // The 60 s lockstep pass: MinHash bands × rows and the group and partner caps bound its work per account.
        [nameof(DetectionParameters.LockstepFullJaccard)] = ParameterRange.Number(0, 1, minExclusive: true),
        [nameof(DetectionParameters.LockstepBucketSeconds)] = ParameterRange.WholeNumber(1, 86_400),
        [nameof(DetectionParameters.LockstepMinActiveBuckets)] = ParameterRange.WholeNumber(1, 1_000_000),
        [nameof(DetectionParameters.LockstepMinSharedBuckets)] = ParameterRange.WholeNumber(1, 1_000_000),
        [nameof(DetectionParameters.LockstepMinJaccard)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.LockstepMinLift)] = ParameterRange.Number(0, Big),
        [nameof(DetectionParameters.LockstepMinPhaseSlots)] = ParameterRange.WholeNumber(1, 1440),
        [nameof(DetectionParameters.LockstepPhaseSlotMinutes)] = ParameterRange.WholeNumber(1, 1440),
        [nameof(DetectionParameters.LockstepGridMinutes)] = ParameterRange.WholeNumber(1, 60),
        [nameof(DetectionParameters.LockstepMaxGridShare)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.LockstepBands)] = ParameterRange.WholeNumber(1, 64),
        [nameof(DetectionParameters.LockstepRowsPerBand)] = ParameterRange.WholeNumber(1, 16),
        [nameof(DetectionParameters.LockstepMaxGroupSize)] = ParameterRange.WholeNumber(2, 1024),
        [nameof(DetectionParameters.LockstepMaxPartners)] = ParameterRange.WholeNumber(1, 256),

        // The tolerant (harvest) lockstep pass.
        [nameof(DetectionParameters.HarvestLockstepEnabled)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.HarvestLockstepMinCapabilityWeight)] = ParameterRange.Number(0, 10),
        [nameof(DetectionParameters.HarvestLockstepBucketSeconds)] = ParameterRange.WholeNumber(1, 86_400),
        [nameof(DetectionParameters.HarvestLockstepFullJaccard)] = ParameterRange.Number(0, 1, minExclusive: true),
        [nameof(DetectionParameters.HarvestLockstepMinActiveBuckets)] = ParameterRange.WholeNumber(1, 1_000_000),
        [nameof(DetectionParameters.HarvestLockstepMinSharedBuckets)] = ParameterRange.WholeNumber(1, 1_000_000),
        [nameof(DetectionParameters.HarvestLockstepMinJaccard)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.HarvestLockstepMinLift)] = ParameterRange.Number(0, Big),
        [nameof(DetectionParameters.HarvestLockstepMinPhaseSlots)] = ParameterRange.WholeNumber(1, 1440),
        [nameof(DetectionParameters.HarvestLockstepMinDays)] = ParameterRange.WholeNumber(1, 3650),
        [nameof(DetectionParameters.HarvestLockstepGridPositions)] = ParameterRange.WholeNumber(1, 3600),
        [nameof(DetectionParameters.HarvestLockstepMaxGridShare)] = ParameterRange.Number(0, 1),

        // Graph and clustering.
        [nameof(DetectionParameters.MinEdgeWeight)] = ParameterRange.Number(0, 100, minExclusive: true),
        [nameof(DetectionParameters.ClusteringSeed)] = ParameterRange.WholeNumber(int.MinValue, int.MaxValue),
        // The co-use view (issue 11): walk and partner caps bound its work per account.
        [nameof(DetectionParameters.CoUseEnabled)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.CoUseKinds)] = ParameterRange.SubsetOf(CoUseView.KindNames),
        [nameof(DetectionParameters.CoUseMinShared)] = ParameterRange.WholeNumber(2, 1000),
        [nameof(DetectionParameters.CoUseFalseLinksPerAccount)] = ParameterRange.Number(0, 1, minExclusive: true),
        [nameof(DetectionParameters.CoUseMaxPValue)] = ParameterRange.Number(0, 0.5, minExclusive: true),
        [nameof(DetectionParameters.CoUseWalk)] = ParameterRange.WholeNumber(1, 256),
        [nameof(DetectionParameters.CoUseMaxPartners)] = ParameterRange.WholeNumber(1, 1024),
        [nameof(DetectionParameters.CoUseLinkWeight)] = ParameterRange.Number(0, 10),

        // Group synchrony: shuffles and the bucket grid bound its work per cluster.
        [nameof(DetectionParameters.GroupSyncBucketSeconds)] = ParameterRange.WholeNumber(60, 86_400),
        [nameof(DetectionParameters.GroupSyncShuffles)] = ParameterRange.WholeNumber(2, 64),
        [nameof(DetectionParameters.GroupSyncMinMembers)] = ParameterRange.WholeNumber(3, 1_000_000),
        [nameof(DetectionParameters.GroupSyncOutsideReleases)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.GroupSyncMinDays)] = ParameterRange.WholeNumber(1, 3650),
        [nameof(DetectionParameters.GroupSyncMinZ)] = ParameterRange.Number(0, 1000),
        [nameof(DetectionParameters.GroupSyncShiftMinRatio)] = ParameterRange.Number(1, 1000),
        [nameof(DetectionParameters.GroupSyncZAtFull)] = ParameterRange.Number(0, 1000, minExclusive: true),
        [nameof(DetectionParameters.GroupSyncWholeWeeks)] = ParameterRange.AnyBoolean,

        // Transparency, concealment, their weights and the coverage attribution needs.
        [nameof(DetectionParameters.TransparencyDomainMaxPopulationFactor)] = ParameterRange.Number(1, Big),
        [nameof(DetectionParameters.TransparencyActivePopulation)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.TransparencyInstitutionDomains)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.TransparencyOnePersonUnnamed)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.TransparencyOnePersonBlocks)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.TransparencyOnePersonSideAccount)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.TransparencyOnePersonSideAccountGroups)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.OnePersonMoneyIsItsOwn)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.OrganisationMoneyIsItsOwn)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.TransparencyGuardYieldsToHarvestSynchrony)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.ConcealmentReadsEveryOrganisation)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.ConsolidationOrganisationShare)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.ScoreTransparency)] = ParameterRange.Number(-100, 0),
        [nameof(DetectionParameters.TransparencyGuardShare)] = ParameterRange.Number(0, 2, minExclusive: true),
        [nameof(DetectionParameters.ScoreConcealment)] = ParameterRange.Number(0, 100),
        [nameof(DetectionParameters.ScoreCoUse)] = ParameterRange.Number(0, 100),
        [nameof(DetectionParameters.ScoreGroupSynchrony)] = ParameterRange.Number(0, 100),
        [nameof(DetectionParameters.FlagMinCoUseTemplate)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.SharedTemplateHarvestCounts)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.ReleasePivotNeedsHarvest)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.ColocationMinLift)] = ParameterRange.Number(1, 1_000_000),
        [nameof(DetectionParameters.ColocationMinInsideShare)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.ColocationEnabled)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.ColocationAbsorbUnflagged)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.ColocationAbsorbMinInsideShare)] = ParameterRange.Number(0, 1, minExclusive: true),
        [nameof(DetectionParameters.ColocationResolution)] = ParameterRange.Number(1e-6, 100),
        [nameof(DetectionParameters.ColocationMaxIterations)] = ParameterRange.WholeNumber(-1, 1000),
        [nameof(DetectionParameters.ColocationMinAddresses)] = ParameterRange.WholeNumber(2, 1000),
        [nameof(DetectionParameters.ColocationMinMembers)] = ParameterRange.WholeNumber(2, 1_000_000),
        [nameof(DetectionParameters.ColocationLinkWeight)] = ParameterRange.Number(0, 10),
        [nameof(DetectionParameters.AttributionMinCoverage)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.AttributionMinStrongMembers)] = ParameterRange.WholeNumber(2, 1_000_000),
        [nameof(DetectionParameters.AttributionClientFactor)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.AttributionThroughMinShare)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.AttributionThroughMinElements)] = ParameterRange.WholeNumber(1, 1_000_000),

        [nameof(DetectionParameters.ClusteringQuality)] = ParameterRange.OneOf("cpm", "modularity"),
        [nameof(DetectionParameters.ClusteringResolution)] = ParameterRange.Number(0, 1000, minExclusive: true),

        // Scoring.
        [nameof(DetectionParameters.HarvestCapabilities)] = ParameterRange.WeightedNames(100, 0, 10),
        [nameof(DetectionParameters.PathwayRisks)] = ParameterRange.WeightedNames(100, 0, 10),
        [nameof(DetectionParameters.ReleasePivotHours)] = ParameterRange.WholeNumber(1, 8760),
        [nameof(DetectionParameters.ReleasePivotLiftAtFull)] = ParameterRange.Number(1, Big, minExclusive: true),
        [nameof(DetectionParameters.ReleasePivotMinRequests)] = ParameterRange.WholeNumber(1, 1_000_000_000),
        [nameof(DetectionParameters.SignupBurstMinutes)] = ParameterRange.WholeNumber(1, 10_080),
        [nameof(DetectionParameters.TemplateSharedMemberShare)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.TemplateHeldMaxPValue)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.TemplatePoolByMembers)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.TemplatePoolScreenPValue)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.ConsolidateAddressPools)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.ContentOnlyOrganisationsLeave)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.HarvestSpanShare)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.SizeAtFull)] = ParameterRange.WholeNumber(2, 1_000_000),
        [nameof(DetectionParameters.VolumeLiftAtFull)] = ParameterRange.Number(1, Big, minExclusive: true),
        [nameof(DetectionParameters.ScoreSynchrony)] = ParameterRange.Number(-100, 100),
        [nameof(DetectionParameters.ScoreHarvestSynchrony)] = ParameterRange.Number(-100, 100),
        [nameof(DetectionParameters.ScoreTemplate)] = ParameterRange.Number(-100, 100),
        [nameof(DetectionParameters.ScoreCapability)] = ParameterRange.Number(-100, 100),
        [nameof(DetectionParameters.ScoreReleasePivot)] = ParameterRange.Number(-100, 100),
        [nameof(DetectionParameters.ScorePayment)] = ParameterRange.Number(-100, 100),
        [nameof(DetectionParameters.ScorePathway)] = ParameterRange.Number(-100, 100),
        [nameof(DetectionParameters.ScoreSignupBurst)] = ParameterRange.Number(-100, 100),
        [nameof(DetectionParameters.ScoreSize)] = ParameterRange.Number(-100, 100),
        [nameof(DetectionParameters.ScoreVolume)] = ParameterRange.Number(-100, 100),
        [nameof(DetectionParameters.ScoreOrgConsistency)] = ParameterRange.Number(-100, 100),
        [nameof(DetectionParameters.ScoreBias)] = ParameterRange.Number(-100, 100),

        // Verdict.
        [nameof(DetectionParameters.FlagThreshold)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.FlagMinHarvest)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.HarvestSynchronyCountsAsHarvest)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.GroupSynchronyCountsAsHarvest)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.FlagMinHarvestExcess)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.ResellerMinConcealedInstruments)] = ParameterRange.WholeNumber(0, 1_000_000),
        [nameof(DetectionParameters.FlaggedMembersNeedATie)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.FlaggedMembersPayingWithTheirOrganisationLeave)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.TransparencyPerOrganisation)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.TransparencyOwnDomainNamesOrganisation)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.TransparencyResellerOnOwnDomain)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.TransparencyOnePerson)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.OnePersonMaxPValue)] = ParameterRange.Number(0, 0.5, minExclusive: true),
        [nameof(DetectionParameters.ConsolidateConcealedBlocks)] = ParameterRange.AnyBoolean,
        [nameof(DetectionParameters.FlagMinCoordination)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.OneOffEventMaxSpanDays)] = ParameterRange.Number(0, 3650),

        // Attribution, evidence, lineage.
        [nameof(DetectionParameters.AttributionMinSingleConfidence)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.AttributionWeakMinMembers)] = ParameterRange.WholeNumber(1, 1_000_000),
        [nameof(DetectionParameters.AttributionThreshold)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.AttributionCoverageAtFull)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.AttributionMinCoverageFactor)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.CounterEvidenceMinOutside)] = ParameterRange.WholeNumber(1, 1_000_000),
        [nameof(DetectionParameters.CounterEvidenceMax)] = ParameterRange.WholeNumber(0, 1000),
        [nameof(DetectionParameters.EvidenceMaxExamples)] = ParameterRange.WholeNumber(0, 100),
        [nameof(DetectionParameters.LineageMinJaccard)] = ParameterRange.Number(0, 1),
        [nameof(DetectionParameters.LineageMinPartShare)] = ParameterRange.Number(0, 1),
    };

    /// <summary>The public settable properties of <see cref="DetectionParameters"/> (what a run records).</summary>
    public static IReadOnlyList<PropertyInfo> Properties { get; } =
        [.. typeof(DetectionParameters).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)];

    /// <summary>Every parameter outside its range (name and message); empty when all are valid.</summary>
    public static IReadOnlyList<(string Name, string Message)> Check(DetectionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var problems = new List<(string, string)>();
        foreach (var property in Properties)
        {
            if (!All.TryGetValue(property.Name, out var range))
            {
                problems.Add((property.Name, $"{property.Name} has no documented valid range."));
                continue;
            }

            if (range.Check(property.Name, property.GetValue(parameters)) is { } message)
            {
                problems.Add((property.Name, message));
            }
        }

        return problems;
    }
}
