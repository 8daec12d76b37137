namespace Distill.Attribution.Graph.Lockstep;

/// <summary>Account pairs in lockstep (A &lt; B), sorted by (A, B), as parallel arrays.</summary>
public sealed class LockstepPairs
{
    public LockstepPairs(int[] a, int[] b, int[] sharedBuckets, double[] jaccard, int[] phaseSlots, int candidateCount)
    {
        A = a;
        B = b;
        SharedBuckets = sharedBuckets;
        Jaccard = jaccard;
        PhaseSlots = phaseSlots;
        CandidateCount = candidateCount;
    }

    public int[] A { get; }

    public int[] B { get; }

    /// <summary>Buckets in which both accounts were active.</summary>
    public int[] SharedBuckets { get; }

    /// <summary>Jaccard similarity of the two bucket sets.</summary>
    public double[] Jaccard { get; }

    /// <summary>Distinct phase slots (clock times) covered by the shared buckets.</summary>
    public int[] PhaseSlots { get; }

    /// <summary>How many candidate pairs LSH proposed (verified exactly); a measure of the work done.</summary>
    public int CandidateCount { get; }

    public int Count => A.Length;
}
