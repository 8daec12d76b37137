using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// Asks the CPU to bring a memory line into its cache some work before it is read (decision D25): on input not sorted by
/// account the writer's tables are cold on nearly every row. A hint only: it reads nothing the caller sees, changes
/// nothing, and does nothing where SSE is missing. The address may be of an object the GC moves right after; a hint
/// for a stale address costs a wasted fetch, never a wrong read.
/// </summary>
internal static class CacheHint
{
    public static unsafe void Prefetch<T>(ref T location)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
        }
    }

    /// <summary>The first characters of <paramref name="value"/>.</summary>
    public static void Prefetch(string? value)
    {
        if (value is not null)
        {
            Prefetch(ref Unsafe.AsRef(in value.GetPinnableReference()));
        }
    }
}
