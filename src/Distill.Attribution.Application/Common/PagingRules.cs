using FluentValidation;

namespace Distill.Attribution.Application.Common;

/// <summary>The shared checks of <c>first</c> and the offset decoded from <c>after</c>.</summary>
internal static class PagingRules
{
    public static void ValidFirst<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, PageLimits.MaxFirst).WithMessage($"first must be between 1 and {PageLimits.MaxFirst}.");

    public static void ValidOffset<T>(this IRuleBuilder<T, int> rule) =>
        rule.GreaterThanOrEqualTo(0).WithMessage("after is not a valid cursor.");
}
