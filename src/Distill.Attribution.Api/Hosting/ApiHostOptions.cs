namespace Distill.Attribution.Api.Hosting;

/// <summary>Options of <c>distill serve</c>.</summary>
public sealed class ApiHostOptions
{
    /// <summary>Path of the embedded store file.</summary>
    public string StorePath { get; set; } = "./distill.db";

    /// <summary>Where <c>requestEvidencePack</c> writes packs; default <c>&lt;store&gt;.packs</c>.</summary>
    public string? EvidencePackDirectory { get; set; }

    /// <summary>Where to listen.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Folder of the built GraphiQL page (default: <c>graphiql/</c> next to the binaries).</summary>
    public string GraphiQLDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "graphiql");

    /// <summary>Folder of the built investigator workbench served at <c>/</c> (default: <c>workbench/</c> next to the binaries).</summary>
    public string WorkbenchDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "workbench");
}
