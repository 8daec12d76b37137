namespace Distill.Attribution.Graph.Tests;

/// <summary>Expected values written inline (a params array, which CA1861 does not flag).</summary>
internal static class Values
{
    public static T[] Of<T>(params T[] values) => values;
}
