using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Infrastructure.Readiness;
using Distill.Attribution.Sqlite.Access;
using Distill.Attribution.Sqlite.Cases;
using Distill.Attribution.Sqlite.Investigation;
using Distill.Attribution.Sqlite.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// Registers the stores the investigator API needs on the embedded store file: API keys and audit trail, cases
/// (verdicts, overrides) and the account read model. Kept apart from <c>AddSqliteStore</c> so the
/// CLI verbs that need none of them open nothing more.
/// </summary>
public static class SqliteInvestigationServices
{
    /// <summary>Needs <see cref="SqliteStoreOptions"/> registered (by <c>AddSqliteStore</c>).</summary>
    public static IServiceCollection AddSqliteInvestigationStores(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<SqliteDatabase>();
        services.TryAddSingleton<IAccessStore, SqliteAccessStore>();
        services.TryAddSingleton<ICaseStore, SqliteCaseStore>();
        services.TryAddSingleton<IAlertStore, SqliteAlertStore>();
        services.TryAddSingleton<IAlertChanges, SqliteAlertChanges>();
        services.TryAddSingleton<RequestAggregates>();
        services.TryAddSingleton<IAccountReadModel, SqliteAccountReadModel>();
        services.TryAddSingleton<IClusterGraphReadModel, SqliteClusterGraphReadModel>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, SqliteReadinessCheck>());
        return services;
    }
}
