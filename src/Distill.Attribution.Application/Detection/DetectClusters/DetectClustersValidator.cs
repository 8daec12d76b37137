using Distill.Attribution.Domain.Detection;
using FluentValidation;

namespace Distill.Attribution.Application.Detection.DetectClusters;

/// <summary>Rejects parameters outside their documented ranges (<see cref="DetectionParameterRanges"/>): a share outside [0, 1], a cap below 2, a non-finite number, an unknown clustering quality.</summary>
public sealed class DetectClustersValidator : AbstractValidator<DetectClustersCommand>
{
    public DetectClustersValidator() =>
        RuleFor(c => c.Parameters!).SetValidator(new ParametersValidator()).When(c => c.Parameters is not null);

    private sealed class ParametersValidator : AbstractValidator<DetectionParameters>
    {
        public ParametersValidator() =>
            RuleFor(p => p).Custom((parameters, context) =>
            {
                foreach (var (name, message) in DetectionParameterRanges.Check(parameters))
                {
                    context.AddFailure(name, message);
                }
            });
    }
}
