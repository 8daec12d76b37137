using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Clusters;

/// <summary>Reads a <see cref="ClusterSignal"/> off a cluster's features.</summary>
public static class ClusterSignals
{
    /// <summary>A feature at or above this counts as a strong signal (features are in [0, 1]).</summary>
    public const double StrongAt = 0.5;

    public static double ValueOf(ClusterFeatures features, ClusterSignal signal)
    {
        ArgumentNullException.ThrowIfNull(features);
        return signal switch
        {
            ClusterSignal.Synchrony => features.Synchrony,
            ClusterSignal.TemplateConcentration => features.TemplateConcentration,
            ClusterSignal.CapabilityConcentration => features.CapabilityConcentration,
            ClusterSignal.ReleasePivot => features.ReleasePivot,
            ClusterSignal.PaymentSharing => features.PaymentSharing,
            ClusterSignal.PathwayMix => features.PathwayMix,
            ClusterSignal.SignupBurst => features.SignupBurst,
            ClusterSignal.Volume => features.Volume,
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Unknown signal."),
        };
    }
}
