using Distill.Attribution.Application.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// Registers the evidence-pack writer, verifier, signing key ring and quality source. What a pack reads from the store
/// (sources, traffic, verdicts) comes from the store's own registrations (<c>AddSqlitePackSources</c>, <c>AddNeo4jGraphStore</c>).
/// </summary>
public static class EvidencePackRegistration
{
    /// <summary>
    /// Adds the evidence-pack services with the options <paramref name="configure"/> sets (the host puts the key next
    /// to its store: <c>&lt;store&gt;.pack-key.pem</c>).
    /// </summary>
    public static IServiceCollection AddAttributionEvidencePacks(this IServiceCollection services, Action<EvidencePackOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(_ =>
        {
            var options = new EvidencePackOptions();
            configure?.Invoke(options);
            return options;
        });
        services.AddSingleton<PemSigningKeyProvider>();
        services.AddSingleton<IManifestSigner, PemManifestSigner>();
        services.AddSingleton<IEvidencePackWriter, ZipEvidencePackWriter>();
        services.AddSingleton<IEvidencePackVerifier, ZipEvidencePackVerifier>();
        services.AddSingleton<IEvidencePackFiles, LocalEvidencePackFiles>();
        services.AddSingleton<IDetectorQualitySource, JsonDetectorQualitySource>();
        services.AddSingleton<SigningKeyRing>();
        return services;
    }
}
