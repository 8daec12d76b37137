namespace Distill.Attribution.Application.Clusters;

/// <summary>
/// A feature behind the risk score; filtering by a signal keeps clusters where that feature is strong
/// (at least <see cref="ClusterSignals.StrongAt"/>).
/// </summary>
public enum ClusterSignal
{
    Synchrony,
    TemplateConcentration,
    CapabilityConcentration,
    ReleasePivot,
    PaymentSharing,
    PathwayMix,
    SignupBurst,
    Volume,
}
