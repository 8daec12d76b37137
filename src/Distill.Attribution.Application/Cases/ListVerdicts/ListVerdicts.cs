using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Messaging;
using FluentValidation;

namespace Distill.Attribution.Application.Cases.ListVerdicts;

/// <summary>The verdicts recorded on a cluster, oldest first.</summary>
public sealed record ListVerdictsQuery(string ClusterId) : IRequest<IReadOnlyList<VerdictRecord>>;

internal sealed class ListVerdictsHandler(ICaseStore cases) : IRequestHandler<ListVerdictsQuery, IReadOnlyList<VerdictRecord>>
{
    public Task<IReadOnlyList<VerdictRecord>> Handle(ListVerdictsQuery request, CancellationToken ct) => cases.GetVerdictsAsync(request.ClusterId, ct);
}

internal sealed class ListVerdictsValidator : AbstractValidator<ListVerdictsQuery>
{
    public ListVerdictsValidator() => RuleFor(q => q.ClusterId).ValidClusterId();
}
