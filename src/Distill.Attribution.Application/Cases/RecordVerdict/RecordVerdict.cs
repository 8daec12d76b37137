using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using FluentValidation;

namespace Distill.Attribution.Application.Cases.RecordVerdict;

/// <summary>Records an investigator's verdict on a cluster of the latest run (earlier verdicts stay in its history).</summary>
public sealed record RecordVerdictCommand(string ClusterId, Verdict Verdict, string? Note) : IRequest<VerdictRecord>, IRequireRight
{
    public AccessRight RequiredRight => AccessRight.RecordVerdict;
}

internal sealed class RecordVerdictHandler(RunCache cache, ICaseStore cases, ICaller caller, IClock clock)
    : IRequestHandler<RecordVerdictCommand, VerdictRecord>
{
    public async Task<VerdictRecord> Handle(RecordVerdictCommand request, CancellationToken ct)
    {
        var run = await cache.GetAsync(ct);
        if (run?.Find(request.ClusterId) is null)
        {
            throw new NotFoundException("cluster", request.ClusterId);
        }

        var verdict = new VerdictRecord(0, request.ClusterId, run.RunId, request.Verdict, request.Note, caller.KeyId ?? "unknown",
            caller.Role is { } role ? Roles.Name(role) : "none", clock.UtcNow);
        return await cases.AddVerdictAsync(verdict, ct);
    }
}

internal sealed class RecordVerdictValidator : AbstractValidator<RecordVerdictCommand>
{
    public RecordVerdictValidator()
    {
        RuleFor(c => c.ClusterId).ValidClusterId();
        RuleFor(c => c.Verdict).IsInEnum();
        RuleFor(c => c.Note).MaximumLength(4000);
    }
}
