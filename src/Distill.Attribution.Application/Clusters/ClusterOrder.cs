namespace Distill.Attribution.Application.Clusters;

/// <summary>Orders of the cluster list.</summary>
public enum ClusterOrder
{
    RiskDesc,
    RiskAsc,
    SizeDesc,
    SizeAsc,
    Id,
}
