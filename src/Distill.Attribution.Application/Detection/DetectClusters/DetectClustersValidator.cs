using FluentValidation;

namespace Distill.Attribution.Application.Detection.DetectClusters;

/// <summary>Rejects parameters outside their documented ranges, through the one <see cref="DetectionParametersValidator"/>; failures are named <c>Parameters.&lt;name&gt;</c>.</summary>
public sealed class DetectClustersValidator : AbstractValidator<DetectClustersCommand>
{
    public DetectClustersValidator() =>
        RuleFor(c => c.Parameters!).SetValidator(DetectionParametersValidator.Instance).When(c => c.Parameters is not null);
}
