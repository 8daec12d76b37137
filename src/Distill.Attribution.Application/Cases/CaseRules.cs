using FluentValidation;

namespace Distill.Attribution.Application.Cases;

/// <summary>Shared checks of case inputs.</summary>
internal static class CaseRules
{
    public static void ValidClusterId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("clusterId is required.").MaximumLength(100);
}
