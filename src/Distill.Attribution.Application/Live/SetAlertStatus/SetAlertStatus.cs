using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using FluentValidation;

namespace Distill.Attribution.Application.Live.SetAlertStatus;

/// <summary>
/// Acknowledges or resolves an alert (the same right as recording a verdict: analyst and above). A resolved alert no
/// longer holds its cluster and kind: the next change opens a new alert.
/// </summary>
public sealed record SetAlertStatusCommand(long AlertId, AlertStatus Status) : IRequest<LiveAlert>, IRequireRight
{
    public AccessRight RequiredRight => AccessRight.RecordVerdict;
}

internal sealed class SetAlertStatusHandler(IAlertStore alerts, ICaller caller, IClock clock) : IRequestHandler<SetAlertStatusCommand, LiveAlert>
{
    public async Task<LiveAlert> Handle(SetAlertStatusCommand request, CancellationToken ct) =>
        await alerts.SetStatusAsync(request.AlertId, request.Status, caller.KeyId ?? "unknown", clock.UtcNow, ct)
        ?? throw new NotFoundException("alert", request.AlertId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

internal sealed class SetAlertStatusValidator : AbstractValidator<SetAlertStatusCommand>
{
    public SetAlertStatusValidator()
    {
        RuleFor(c => c.AlertId).GreaterThan(0);
        RuleFor(c => c.Status).Must(s => s is AlertStatus.Acknowledged or AlertStatus.Resolved).WithMessage("An alert can be acknowledged or resolved.");
    }
}
