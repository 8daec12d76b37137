using Distill.Attribution.Domain.Detection;
using FluentValidation;

namespace Distill.Attribution.Application.Detection;

/// <summary>
/// The one validator of detection parameters, applying the one table of valid ranges (<see cref="DetectionParameterRanges"/>):
/// a share outside [0, 1], a cap below 2, a non-finite number, an unknown clustering quality. Each failure names the
/// parameter (<see cref="DetectionParameters"/>'s property name). Every entry point uses it: <c>distill detect</c>
/// (before it opens the store), the dispatcher's <c>DetectClustersValidator</c> (the CLI and the embedding facade) and
/// the GraphQL <c>runDetection</c> mutation's validator.
/// </summary>
public sealed class DetectionParametersValidator : AbstractValidator<DetectionParameters>
{
    /// <summary>A shared instance (the validator holds no state).</summary>
    public static DetectionParametersValidator Instance { get; } = new();

    public DetectionParametersValidator() =>
        RuleFor(p => p).Custom((parameters, context) =>
        {
            foreach (var (name, message) in DetectionParameterRanges.Check(parameters))
            {
                context.AddFailure(name, message);
            }
        });
}
