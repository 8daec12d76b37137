using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using FluentValidation;

namespace Distill.Attribution.Application.Cases.OverrideOperator;

/// <summary>
/// Names a different suspected operator for a cluster, with a reason. The detector's attribution stays visible
/// beside it; the latest override is the one in force.
/// </summary>
public sealed record OverrideOperatorCommand(string ClusterId, string OperatorId, string Reason) : IRequest<ClusterView>, IRequireRight
{
    public AccessRight RequiredRight => AccessRight.OverrideOperator;
}

internal sealed class OverrideOperatorHandler(RunCache cache, ICaseStore cases, ICaller caller, IClock clock)
    : IRequestHandler<OverrideOperatorCommand, ClusterView>
{
    public async Task<ClusterView> Handle(OverrideOperatorCommand request, CancellationToken ct)
    {
        var run = await cache.GetAsync(ct);
        var cluster = run?.Find(request.ClusterId) ?? throw new NotFoundException("cluster", request.ClusterId);
        var saved = await cases.AddOverrideAsync(
            new OperatorOverride(0, cluster.Id, run!.RunId, cluster.Operator?.OperatorId, request.OperatorId, request.Reason,
                caller.KeyId ?? "unknown", caller.Role is { } role ? Roles.Name(role) : "none", clock.UtcNow),
            ct);
        return new ClusterView(cluster, run, saved);
    }
}

internal sealed class OverrideOperatorValidator : AbstractValidator<OverrideOperatorCommand>
{
    public OverrideOperatorValidator()
    {
        RuleFor(c => c.ClusterId).ValidClusterId();
        RuleFor(c => c.OperatorId).NotEmpty().WithMessage("operatorId is required.").MaximumLength(200);
        RuleFor(c => c.Reason).NotEmpty().WithMessage("reason is required: say why the attribution is changed.").MaximumLength(4000);
    }
}
