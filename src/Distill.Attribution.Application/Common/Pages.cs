namespace Distill.Attribution.Application.Common;

/// <summary>Makes pages of in-memory lists.</summary>
public static class Pages
{
    /// <summary>Items <paramref name="offset"/> .. <paramref name="offset"/> + <paramref name="first"/> of <paramref name="all"/>.</summary>
    public static Page<T> Slice<T>(IReadOnlyList<T> all, int offset, int first)
    {
        ArgumentNullException.ThrowIfNull(all);
        var start = Math.Clamp(offset, 0, all.Count);
        var count = Math.Clamp(first, 0, all.Count - start);
        var items = new T[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = all[start + i];
        }

        return new Page<T>(items, all.Count, start);
    }
}
