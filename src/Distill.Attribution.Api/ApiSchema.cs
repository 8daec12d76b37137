using Distill.Attribution.Api.Access;
using Distill.Attribution.Api.Accounts;
using Distill.Attribution.Api.Alerts;
using Distill.Attribution.Api.Audit;
using Distill.Attribution.Api.Cases;
using Distill.Attribution.Api.Clusters;
using Distill.Attribution.Api.Lookup;
using Distill.Attribution.Api.Operators;
using Distill.Attribution.Api.Paging;
using Distill.Attribution.Api.Runs;
using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api;

/// <summary>The investigator schema, assembled topic by topic (committed as <c>schema.graphql</c> and diffed in a test).</summary>
public static class ApiSchema
{
    public static Schema Build()
    {
        var b = new SchemaBuilder { Description = "Distill.Attribution investigator API: clusters of coordinated accounts, their evidence and suspected operators." };
        var connections = new ConnectionTypes(b);
        ClusterType.Register(b, connections);
        ClusterQueries.Register(b, connections);
        AccountType.Register(b);
        AccountQueries.Register(b);
        LookupQueries.Register(b, connections);
        OperatorQueries.Register(b, connections);
        RunType.Register(b);
        RunQueries.Register(b, connections);
        CaseTypes.Register(b);
        AuditQueries.Register(b, connections);
        AccessSchema.Register(b);
        RunMutations.Register(b);
        CaseMutations.Register(b);
        Workbench.WorkbenchSchema.RegisterQueries(b);
        AlertSchema.Register(b, connections);
        return b.Build();
    }

    /// <summary>The schema as SDL.</summary>
    public static string PrintSdl() => Build().ToSdl();
}
