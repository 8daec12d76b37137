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
    private static readonly Assembly SyntheticAssembly = Assembly.Load("Distill.Attribution.Synthetic");
    private static readonly Assembly EmbeddingAssembly = Assembly.Load("Distill.Attribution.Embedding");
    private static readonly Assembly ApiAssembly = Assembly.Load("Distill.Attribution.Api");
    private static readonly Assembly CliAssembly = Assembly.Load("distill");

    private static readonly Assembly[] Ours =
    [
        GraphAssembly, GraphQLAssembly, DomainAssembly, ApplicationAssembly, InfrastructureAssembly,
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
            .NotDependOnAny(InAny(InfrastructureAssembly, ApiAssembly, CliAssembly, EmbeddingAssembly, SyntheticAssembly, GraphQLAssembly))
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
    public void InfrastructureShouldNotDependOnHosts() =>
        Types().That().Are(In(InfrastructureAssembly)).Should().NotDependOnAny(InAny(ApiAssembly, CliAssembly, EmbeddingAssembly)).Check(Architecture);

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

    /// <summary>The compiled references (unused project references leave none), as a second view independent of ArchUnitNET.</summary>
    [TestCase("Distill.Attribution.Graph")]
    [TestCase("Distill.GraphQL")]
    public void LeafAssembliesShouldReferenceNothingOfOurs(string name)
    {
        var references = Assembly.Load(name).GetReferencedAssemblies().Select(a => a.Name).Where(n => n!.StartsWith("Distill", StringComparison.Ordinal) || n == "distill");

        Assert.That(references, Is.Empty);
    }
}
