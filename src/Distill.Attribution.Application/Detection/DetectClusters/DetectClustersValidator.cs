using Distill.Attribution.Domain.Detection;
using FluentValidation;

namespace Distill.Attribution.Application.Detection.DetectClusters;

/// <summary>Rejects parameters that cannot make sense (a share outside [0, 1], a cap below 2, ...).</summary>
public sealed class DetectClustersValidator : AbstractValidator<DetectClustersCommand>
{
    public DetectClustersValidator() =>
        RuleFor(c => c.Parameters!).SetValidator(new ParametersValidator()).When(c => c.Parameters is not null);

    private sealed class ParametersValidator : AbstractValidator<DetectionParameters>
    {
        public ParametersValidator()
        {
            RuleFor(p => p.MinEdgeWeight).GreaterThan(0);
            RuleFor(p => p.FlagThreshold).InclusiveBetween(0, 1);
            RuleFor(p => p.FlagMinHarvest).InclusiveBetween(0, 1);
            RuleFor(p => p.FlagMinCoordination).InclusiveBetween(0, 1);
            RuleFor(p => p.AttributionThreshold).InclusiveBetween(0, 1);
            RuleFor(p => p.AttributionMinSingleConfidence).InclusiveBetween(0, 1);
            RuleFor(p => p.AttributionWeakMinMembers).GreaterThanOrEqualTo(1);
            RuleFor(p => p.AttributionCoverageAtFull).InclusiveBetween(0, 1);
            RuleFor(p => p.AttributionMinCoverageFactor).InclusiveBetween(0, 1);
            RuleFor(p => p.PromptMinAccountShare).InclusiveBetween(0, 1);
            RuleFor(p => p.TemplateSharedMemberShare).InclusiveBetween(0, 1);
            RuleFor(p => p.LockstepMinJaccard).InclusiveBetween(0, 1);
            RuleFor(p => p.LockstepFullJaccard).GreaterThan(0).LessThanOrEqualTo(1);
            RuleFor(p => p.LockstepGridMinutes).InclusiveBetween(1, 60);
            RuleFor(p => p.LockstepMaxGridShare).InclusiveBetween(0, 1);
            RuleFor(p => p.LineageMinJaccard).InclusiveBetween(0, 1);
            RuleFor(p => p.LineageMinPartShare).InclusiveBetween(0, 1);
            RuleFor(p => p.IpMaxAccounts).GreaterThanOrEqualTo(2);
            RuleFor(p => p.PaymentMaxAccounts).GreaterThanOrEqualTo(2);
            RuleFor(p => p.PromptMaxAccounts).GreaterThanOrEqualTo(2);
            RuleFor(p => p.LockstepBucketSeconds).GreaterThan(0);
            RuleFor(p => p.LockstepPhaseSlotMinutes).GreaterThan(0).LessThanOrEqualTo(1440);
            RuleFor(p => p.LockstepBands).GreaterThan(0);
            RuleFor(p => p.LockstepRowsPerBand).GreaterThan(0);
            RuleFor(p => p.LockstepMaxPartners).GreaterThan(0);
            RuleFor(p => p.LargeGroupWindow).GreaterThan(0);
            RuleFor(p => p.SizeAtFull).GreaterThanOrEqualTo(2);
            RuleFor(p => p.VolumeLiftAtFull).GreaterThan(1);
            RuleFor(p => p.ReleasePivotLiftAtFull).GreaterThan(1);
            RuleFor(p => p.HarvestCapabilities).NotNull();
            RuleFor(p => p.PathwayRisks).NotNull();
        }
    }
}
