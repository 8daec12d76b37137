namespace Distill.Attribution.Application.Common;

/// <summary>
/// One page of an ordered list: the items from <see cref="Offset"/> on and how many there are in all. Hosts turn
/// it into a Relay connection (the cursor of an item is its position).
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int Offset)
{
    public bool HasNextPage => Offset + Items.Count < TotalCount;

    public bool HasPreviousPage => Offset > 0;
}
