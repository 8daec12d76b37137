using System.Collections;
using Distill.Attribution.Application.Clusters;

namespace Distill.Attribution.Api.Clusters;

/// <summary>A cluster's evidence chains as a list that builds a chain only when its position is read (a page of a hydra's 20k members builds 20).</summary>
internal sealed class LazyChains(ClusterIndex index) : IReadOnlyList<EvidenceChain>
{
    public int Count => index.ChainMembers.Count;

    public EvidenceChain this[int position] => index.ChainAt(position);

    public IEnumerator<EvidenceChain> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
