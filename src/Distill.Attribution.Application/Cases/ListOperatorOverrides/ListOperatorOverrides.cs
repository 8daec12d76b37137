using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Messaging;
using FluentValidation;

namespace Distill.Attribution.Application.Cases.ListOperatorOverrides;

/// <summary>The operator overrides of a cluster, oldest first.</summary>
public sealed record ListOperatorOverridesQuery(string ClusterId) : IRequest<IReadOnlyList<OperatorOverride>>;

internal sealed class ListOperatorOverridesHandler(ICaseStore cases) : IRequestHandler<ListOperatorOverridesQuery, IReadOnlyList<OperatorOverride>>
{
    public Task<IReadOnlyList<OperatorOverride>> Handle(ListOperatorOverridesQuery request, CancellationToken ct) =>
        cases.GetOverridesAsync(request.ClusterId, ct);
}

internal sealed class ListOperatorOverridesValidator : AbstractValidator<ListOperatorOverridesQuery>
{
    public ListOperatorOverridesValidator() => RuleFor(q => q.ClusterId).ValidClusterId();
}
