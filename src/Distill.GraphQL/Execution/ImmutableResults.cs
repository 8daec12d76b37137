namespace Distill.GraphQL.Execution;

/// <summary>
/// The serialised results of one immutable value under a few plans (documents differ in what they select): a short
/// list, searched by plan identity, replaced as a whole so readers need no lock.
/// </summary>
internal sealed class ImmutableResults
{
    /// <summary>Few documents select the same value differently; beyond this the oldest entry goes.</summary>
    private const int MaxPlans = 4;

    private volatile (CollectedField[] Plan, RawJson Result)[] _entries = [];

    public bool TryGet(CollectedField[] plan, out RawJson? result)
    {
        foreach (var (p, r) in _entries)
        {
            if (ReferenceEquals(p, plan))
            {
                result = r;
                return true;
            }
        }

        result = null;
        return false;
    }

    public void Set(CollectedField[] plan, RawJson result)
    {
        var current = _entries;
        var keep = Math.Min(current.Length, MaxPlans - 1);
        var next = new (CollectedField[], RawJson)[keep + 1];
        next[0] = (plan, result);
        Array.Copy(current, 0, next, 1, keep);
        _entries = next;
    }
}
