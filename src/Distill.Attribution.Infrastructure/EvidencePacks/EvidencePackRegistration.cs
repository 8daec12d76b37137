using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Infrastructure.Sqlite;
using Distill.Attribution.Infrastructure.Sqlite.Cases;
using Distill.Attribution.Infrastructure.Sqlite.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Distill.Attribution.Infrastructure.EvidencePacks;

/// <summary>Registers the evidence-pack writer, verifier, signing key ring, quality source and the SQLite readers (sources, traffic, verdicts).</summary>
public static class EvidencePackRegistration
{
    /// <summary>
    /// Adds the evidence-pack services. The key defaults to <c>&lt;store&gt;.pack-key.pem</c> next to the store
    /// named by <see cref="SqliteStoreOptions"/> (when registered) unless <paramref name="configure"/> sets it.
    /// </summary>
    public static IServiceCollection AddAttributionEvidencePacks(this IServiceCollection services, Action<EvidencePackOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp =>
        {
            var options = new EvidencePackOptions();
            if (sp.GetService<SqliteStoreOptions>() is { } store)
            {
                options.KeyPath = store.Path + ".pack-key.pem";
            }

            configure?.Invoke(options);
            return options;
        });
        services.AddSingleton<PemSigningKeyProvider>();
        services.AddSingleton<IManifestSigner, PemManifestSigner>();
        services.AddSingleton<IEvidencePackWriter, ZipEvidencePackWriter>();
        services.AddSingleton<IEvidencePackVerifier, ZipEvidencePackVerifier>();
        services.AddSingleton<IEvidencePackFiles, LocalEvidencePackFiles>();
        services.AddSingleton<IDetectorQualitySource, JsonDetectorQualitySource>();
        services.AddSingleton<ISourceRecordReader, SqliteSourceRecordReader>();
        services.AddSingleton<IClusterActivityReader, SqliteClusterActivityReader>();
        services.TryAddSingleton<SqliteDatabase>();
        services.AddSingleton<IVerdictTally, SqliteVerdictTally>();
        services.AddSingleton<SigningKeyRing>();
        return services;
    }
}
