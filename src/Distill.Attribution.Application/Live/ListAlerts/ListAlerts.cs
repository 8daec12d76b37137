using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using FluentValidation;

namespace Distill.Attribution.Application.Live.ListAlerts;

/// <summary>Live-mode alerts, newest first, optionally of one status.</summary>
public sealed record ListAlertsQuery(AlertStatus? Status, int First = PageLimits.DefaultFirst, int Offset = 0) : IRequest<Page<LiveAlert>>;

internal sealed class ListAlertsHandler(IAlertStore alerts) : IRequestHandler<ListAlertsQuery, Page<LiveAlert>>
{
    public Task<Page<LiveAlert>> Handle(ListAlertsQuery request, CancellationToken ct) =>
        alerts.ListAsync(request.Status, request.First, request.Offset, ct);
}

internal sealed class ListAlertsValidator : AbstractValidator<ListAlertsQuery>
{
    public ListAlertsValidator()
    {
        RuleFor(q => q.First).ValidFirst();
        RuleFor(q => q.Offset).ValidOffset();
        RuleFor(q => q.Status).IsInEnum();
    }
}
