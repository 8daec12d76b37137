using ArchUnitNET.Fluent.Syntax.Elements.Types;
using ArchUnitNET.Loader;
using ArchUnitNET.NUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using Assembly = System.Reflection.Assembly;

namespace Distill.Attribution.Architecture.Tests;

/// <summary>
/// The intended picture of docs/architecture.md, checked on the compiled assemblies: what each layer may know.
/// A rule that fails names the offending type and the type it depends on.
/// </summary>
public sealed class LayerTests
{
    private static readonly Assembly GraphAssembly = Assembly.Load("Distill.Attribution.Graph");
    private static readonly Assembly GraphQLAssembly = Assembly.Load("Distill.GraphQL");
    private static readonly Assembly DomainAssembly = Assembly.Load("Distill.Attribution.Domain");
    private static readonly Assembly ApplicationAssembly = Assembly.Load("Distill.Attribution.Application");
    private static readonly Assembly InfrastructureAssembly = Assembly.Load("Distill.Attribution.Infrastructure");
    private static readonly Assembly SqliteAssembly = Assembly.Load("Distill.Attribution.Sqlite");
    private static readonly Assembly Neo4jAssembly = Assembly.Load("Distill.Attribution.Neo4j");
    private static readonly Assembly EvidencePacksAssembly = Assembly.Load("Distill.Attribution.EvidencePacks");
    private static readonly Assembly SyntheticAssembly = Assembly.Load("Distill.Attribution.Synthetic");
    private static readonly Assembly EmbeddingAssembly = Assembly.Load("Distill.Attribution.Embedding");
    private static readonly Assembly ApiAssembly = Assembly.Load("Distill.Attribution.Api");
    private static readonly Assembly CliAssembly = Assembly.Load("distill");

    private static readonly Assembly[] Ours =
    [
        GraphAssembly, GraphQLAssembly, DomainAssembly, ApplicationAssembly, InfrastructureAssembly,
        SqliteAssembly, Neo4jAssembly, EvidencePacksAssembly,
        SyntheticAssembly, EmbeddingAssembly, ApiAssembly, CliAssembly,
    ];

    private static readonly ArchUnitNET.Domain.Architecture Architecture = new ArchLoader().LoadAssemblies(Ours).Build();

    private static GivenTypesConjunctionWithDescription In(Assembly assembly) => Types().That().ResideInAssembly(assembly).As(assembly.GetName().Name!);

    private static GivenTypesConjunctionWithDescription InAny(params Assembly[] assemblies) =>
        Types().That().ResideInAssembly(assemblies[0], assemblies[1..]).As(string.Join(", ", assemblies.Select(a => a.GetName().Name)));

    private static Assembly[] OursExcept(params Assembly[] allowed) => [.. Ours.Except(allowed)];

    [Test]
    public void GraphShouldDependOnNothingOfOurs() =>
        Types().That().Are(In(GraphAssembly)).Should().NotDependOnAny(InAny(OursExcept(GraphAssembly))).Check(Architecture);

    [Test]
    public void TheGraphQLEngineShouldDependOnNothingOfOurs() =>
        Types().That().Are(In(GraphQLAssembly)).Should().NotDependOnAny(InAny(OursExcept(GraphQLAssembly))).Check(Architecture);

    /// <summary>Domain may use Graph (the clustering seam; see docs/decisions.md, "Why Domain references Graph") and nothing else of ours.</summary>
    [Test]
    public void DomainShouldKnowNoApplicationStoreOrHost() =>
        Types().That().Are(In(DomainAssembly)).Should().NotDependOnAny(InAny(OursExcept(DomainAssembly, GraphAssembly))).Check(Architecture);

    /// <summary>No files, streams, sockets, HTTP, console or database in Domain: it computes on what it is handed.</summary>
    [Test]
    public void DomainShouldDoNoIO() =>
        // NotDependOnAnyTypesThat matches the types depended on by name, so it also sees types of assemblies not loaded (the BCL, packages).
        Types().That().Are(In(DomainAssembly)).Should().NotDependOnAnyTypesThat()
            .ResideInNamespaceMatching(@"^(System\.IO(\.(?!Hashing$)[\w.]+)?|System\.Net\.(Sockets|Http|Mail|WebSockets)(\..*)?|(Microsoft|System)\.Data(\..*)?|Neo4j(\..*)?)$")
            .AndShould().NotDependOnAnyTypesThat().HaveFullNameMatching(@"^System\.(Console|Environment)$")
            .Because("Domain computes on what it is handed: files, sockets, HTTP, databases, console and environment belong to Infrastructure and the hosts")
            .Check(Architecture);

    [Test]
    public void ApplicationShouldNotDependOnInfrastructureOrHosts() =>
        Types().That().Are(In(ApplicationAssembly)).Should()
            .NotDependOnAny(InAny(InfrastructureAssembly, SqliteAssembly, Neo4jAssembly, EvidencePacksAssembly, ApiAssembly, CliAssembly, EmbeddingAssembly, SyntheticAssembly, GraphQLAssembly))
            .Check(Architecture);

    /// <summary>
    /// The application reaches files only through its ports (<c>IInputFileSystem</c>, <c>IRejectsReportFactory</c>,
    /// <c>IEvidencePackFiles</c>), which Infrastructure implements: no file system type in Application. Streams it is
    /// handed (<c>Stream</c>, <c>GZipStream</c>) are fine; opening, listing, moving or sizing a file is not.
    /// </summary>
    [Test]
    public void ApplicationShouldDoNoFileIO() =>
        Types().That().Are(In(ApplicationAssembly)).Should().NotDependOnAnyTypesThat()
            .HaveFullNameMatching(@"^System\.IO\.(File|Directory|FileStream|FileInfo|DirectoryInfo|FileSystemInfo|DriveInfo|FileSystemWatcher|RandomAccess|Enumeration\..+)$")
            .Because("file discovery, reading and the rejects report sit behind ports implemented in Infrastructure (issue 16, item 3)")
            .Check(Architecture);

    [Test]
    public void InfrastructureAndTheStoresShouldNotDependOnHosts() =>
        Types().That().Are(InAny(InfrastructureAssembly, SqliteAssembly, Neo4jAssembly, EvidencePacksAssembly)).Should()
            .NotDependOnAny(InAny(ApiAssembly, CliAssembly, EmbeddingAssembly)).Check(Architecture);

    /// <summary>What the stores share stays below them: Infrastructure knows no store and no evidence pack.</summary>
    [Test]
    public void InfrastructureShouldNotDependOnTheStoresOrEvidencePacks() =>
        Types().That().Are(In(InfrastructureAssembly)).Should()
            .NotDependOnAny(InAny(SqliteAssembly, Neo4jAssembly, EvidencePacksAssembly)).Check(Architecture);

    /// <summary>A tool that only wants SQLite gets neither the Neo4j client nor PDFsharp (issue 15, decision D19).</summary>
    [Test]
    public void SqliteShouldNotDependOnNeo4jOrEvidencePacks() =>
        Types().That().Are(In(SqliteAssembly)).Should().NotDependOnAny(InAny(Neo4jAssembly, EvidencePacksAssembly))
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^PdfSharp(\..*)?$")
            .Check(Architecture);

    /// <summary>
    /// Runs, keys, audit and cases stay in the SQLite file under Neo4j, but the hosts wire that (a decorated run store):
    /// the Neo4j store itself knows no SQLite type and no evidence pack.
    /// </summary>
    [Test]
    public void Neo4jShouldNotDependOnSqliteOrEvidencePacks() =>
        Types().That().Are(In(Neo4jAssembly)).Should().NotDependOnAny(InAny(SqliteAssembly, EvidencePacksAssembly))
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^(Microsoft\.Data\.Sqlite|SQLitePCL|PdfSharp)(\..*)?$")
            .Check(Architecture);

    /// <summary>Evidence packs read the store through the application's ports only (sources, traffic, verdicts).</summary>
    [Test]
    public void EvidencePacksShouldDependOnNoStoreImplementation() =>
        Types().That().Are(In(EvidencePacksAssembly)).Should().NotDependOnAny(InAny(InfrastructureAssembly, SqliteAssembly, Neo4jAssembly))
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^(Microsoft\.Data\.Sqlite|SQLitePCL)(\..*)?$")
            .Check(Architecture);

    /// <summary>
    /// Only the hosts (the API, the command line) compose: no library builds a service provider or a host of its own.
    /// Embedding registers services into its host's container and builds none.
    /// </summary>
    [Test]
    public void OnlyHostsShouldBuildServiceProviders() =>
        Types().That().Are(InAny(OursExcept(ApiAssembly, CliAssembly))).Should().NotDependOnAnyTypesThat()
            .HaveFullNameMatching(@"^(Microsoft\.Extensions\.DependencyInjection\.(ServiceCollectionContainerBuilderExtensions|ServiceProvider)|Microsoft\.AspNetCore\.Builder\.WebApplication|Microsoft\.Extensions\.Hosting\.Host)$")
            .Because("the API and the command line are the composition roots; a library registers services and builds none")
            .Check(Architecture);

    /// <summary>The command line has one composition root: verbs ask <c>CliServices</c> for their container and build none.</summary>
    [Test]
    public void OnlyTheCommandLinesCompositionRootShouldBuildContainers() =>
        Types().That().Are(In(CliAssembly)).And().DoNotHaveFullNameMatching(@"^Distill\.Attribution\.Cli\.Verbs\.CliServices$").Should().NotDependOnAnyTypesThat()
            .HaveFullNameMatching(@"^Microsoft\.Extensions\.DependencyInjection\.ServiceCollectionContainerBuilderExtensions$")
            .Because("one place decides what each verb's container holds (issue 16)")
            .Check(Architecture);

    /// <summary>Only <c>serve</c> knows the API; <c>keys</c> and <c>audit</c> reach the access store without composing GraphQL.</summary>
    [Test]
    public void OnlyServeShouldKnowTheApi() =>
        Types().That().Are(In(CliAssembly)).And().DoNotHaveFullNameMatching(@"^Distill\.Attribution\.Cli\.Verbs\.ServeVerb(\+.*)?$").Should()
            .NotDependOnAny(In(ApiAssembly))
            .Check(Architecture);

    /// <summary>
    /// The hosts compose their stores through the one root (<c>AddAttributionStores</c> in Embedding, decision D21): neither
    /// the API nor the command line calls a store's own registration (<c>AddSqliteStore</c>, <c>AddSqliteInvestigationStores</c>,
    /// <c>AddSqlitePackSources</c>, <c>AddNeo4jGraphStore</c>) or constructs a store, its options or its database itself,
    /// so which graph store a host gets never depends on what it registers in what order.
    /// </summary>
    [Test]
    public void HostsShouldComposeStoresOnlyThroughTheRoot() =>
        Types().That().Are(InAny(ApiAssembly, CliAssembly)).Should().NotDependOnAnyTypesThat()
            .HaveFullNameMatching(@"^Distill\.Attribution\.(Sqlite|Neo4j)(\.\w+)*\.(\w+Services|\w+Store|\w+Options|SqliteDatabase)$")
            .Because("the store is chosen from configuration in one place, AddAttributionStores (issue 16, item 1)")
            .Check(Architecture);

    /// <summary>Nothing but the root and the stores themselves touches the stores' registrations.</summary>
    [Test]
    public void OnlyTheCompositionRootShouldRegisterStores() =>
        Types().That().Are(InAny(OursExcept(EmbeddingAssembly, SqliteAssembly, Neo4jAssembly))).Should().NotDependOnAnyTypesThat()
            .HaveFullNameMatching(@"^Distill\.Attribution\.(Sqlite\.(SqliteServices|SqliteInvestigationServices)|Neo4j\.Neo4jServices)$")
            .Because("AddAttributionStores is the one composition root of the stores (decision D21)")
            .Check(Architecture);

    /// <summary>The compiled references (unused project references leave none), as a second view independent of ArchUnitNET.</summary>
    [TestCase("Distill.Attribution.Graph")]
    [TestCase("Distill.GraphQL")]
    public void LeafAssembliesShouldReferenceNothingOfOurs(string name)
    {
        var references = Assembly.Load(name).GetReferencedAssemblies().Select(a => a.Name).Where(n => n!.StartsWith("Distill", StringComparison.Ordinal) || n == "distill");

        Assert.That(references, Is.Empty);
    }

    /// <summary>
    /// The compiled references of each store package, so that what a tool gets with it is what it asked for: no other
    /// store, and PDFsharp and the SQLite provider only where they are used.
    /// </summary>
    [TestCase("Distill.Attribution.Sqlite", "Distill.Attribution.Neo4j", "Distill.Attribution.EvidencePacks", "PdfSharp")]
    [TestCase("Distill.Attribution.Neo4j", "Distill.Attribution.Sqlite", "Distill.Attribution.EvidencePacks", "PdfSharp", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core")]
    [TestCase("Distill.Attribution.EvidencePacks", "Distill.Attribution.Infrastructure", "Distill.Attribution.Sqlite", "Distill.Attribution.Neo4j", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core")]
    [TestCase("Distill.Attribution.Infrastructure", "Distill.Attribution.Sqlite", "Distill.Attribution.Neo4j", "Distill.Attribution.EvidencePacks", "PdfSharp", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core")]
    public void StorePackagesShouldReferenceOnlyWhatTheyUse(string name, params string[] forbidden)
    {
        var references = Assembly.Load(name).GetReferencedAssemblies().Select(a => a.Name);

        Assert.That(references.Intersect(forbidden), Is.Empty);
    }

    /// <summary>The names the test above forbids are the real ones: each is referenced by the package that does use it.</summary>
    [TestCase("Distill.Attribution.EvidencePacks", "PdfSharp")]
    [TestCase("Distill.Attribution.Sqlite", "Microsoft.Data.Sqlite")]
    [TestCase("Distill.Attribution.Sqlite", "SQLitePCLRaw.core")]
    [TestCase("Distill.Attribution.Sqlite", "Distill.Attribution.Infrastructure")]
    [TestCase("distill", "Distill.Attribution.Neo4j")]
    [TestCase("distill", "Distill.Attribution.EvidencePacks")]
    public void TheNamesForbiddenAboveShouldBeReferencedWhereTheyAreUsed(string name, string reference) =>
        Assert.That(Assembly.Load(name).GetReferencedAssemblies().Select(a => a.Name), Does.Contain(reference));
}
