namespace Distill.Attribution.Api.Paging;

/// <summary>The value behind a Relay connection type: the page's nodes, where it starts and how many there are.</summary>
internal sealed record Connection(IReadOnlyList<object> Nodes, int Offset, bool HasNextPage, bool HasPreviousPage, Func<CancellationToken, Task<int>> TotalCount)
{
    public static Connection From<T>(Application.Common.Page<T> page)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(page);
        var nodes = new object[page.Items.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = page.Items[i];
        }

        var total = page.TotalCount;
        return new Connection(nodes, page.Offset, page.HasNextPage, page.HasPreviousPage, _ => Task.FromResult(total));
    }
}
