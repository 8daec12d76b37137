using System.Globalization;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using FluentValidation;

namespace Distill.Attribution.Application.Runs.ListRuns;

/// <summary>Detection runs, newest first.</summary>
public sealed record ListRunsQuery(int First = PageLimits.DefaultFirst, int Offset = 0) : IRequest<Page<RunSummary>>;

/// <summary>
/// One query when the run store can list summaries (SQLite); otherwise walks back from the latest run by number
/// (<c>run-NNNN</c>) and loads the page's runs one by one.
/// </summary>
internal sealed class ListRunsHandler(RunCache cache, IRunStore runs) : IRequestHandler<ListRunsQuery, Page<RunSummary>>
{
    public async Task<Page<RunSummary>> Handle(ListRunsQuery request, CancellationToken ct)
    {
        if (await runs.ListRunSummariesAsync(request.First, request.Offset, ct) is { } page)
        {
            return page;
        }

        var latest = await cache.GetAsync(ct);
        if (latest is null)
        {
            return new Page<RunSummary>([], 0, 0);
        }

        if (!latest.RunId.StartsWith("run-", StringComparison.Ordinal)
            || !int.TryParse(latest.RunId.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var newest))
        {
            return new Page<RunSummary>([RunSummary.Of(latest.Run)], 1, 0);
        }

        var items = new List<RunSummary>(request.First);
        for (var number = newest - request.Offset; number >= 1 && items.Count < request.First; number--)
        {
            var id = $"run-{number:D4}";
            var run = id == latest.RunId ? latest.Run : await runs.GetRunAsync(id, ct);
            if (run is not null)
            {
                items.Add(RunSummary.Of(run));
            }
        }

        return new Page<RunSummary>(items, newest, Math.Min(request.Offset, newest));
    }
}

internal sealed class ListRunsValidator : AbstractValidator<ListRunsQuery>
{
    public ListRunsValidator()
    {
        RuleFor(q => q.First).ValidFirst();
        RuleFor(q => q.Offset).ValidOffset();
    }
}
