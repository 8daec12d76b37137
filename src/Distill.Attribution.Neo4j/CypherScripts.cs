using System.Reflection;
using System.Text;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// The Cypher files embedded from <c>cypher/</c> (resource names <c>Cypher/&lt;path&gt;</c>), read once.
/// No Cypher text lives in C#: a statement is fetched by its path (<see cref="CypherFiles"/>).
/// </summary>
internal sealed class CypherScripts
{
    private const string Prefix = "Cypher/";

    private static readonly Lazy<CypherScripts> Shared = new(() => Load(typeof(CypherScripts).Assembly));

    private readonly Dictionary<string, string> statements;

    private CypherScripts(Dictionary<string, string> statements) => this.statements = statements;

    public static CypherScripts Default => Shared.Value;

    /// <summary>Every embedded path, e.g. <c>ingest/accounts.cypher</c>, in ordinal order.</summary>
    public IReadOnlyList<string> Paths => [.. statements.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The statement in <paramref name="path"/>; a missing file is a packaging bug and throws.</summary>
    public string this[string path] =>
        statements.TryGetValue(path, out var text)
            ? text
            : throw new InvalidOperationException($"Cypher file '{path}' is not embedded in {typeof(CypherScripts).Assembly.GetName().Name}.");

    /// <summary>The files under <paramref name="folder"/> (e.g. <c>schema/</c>) in ordinal order of their names.</summary>
    public IReadOnlyList<string> Under(string folder) =>
        [.. statements.Keys.Where(k => k.StartsWith(folder, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static CypherScripts Load(Assembly assembly)
    {
        var statements = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            // %(RecursiveDir) uses the build machine's separator.
            var normalized = name.Replace('\\', '/');
            if (!normalized.StartsWith(Prefix, StringComparison.Ordinal) || !normalized.EndsWith(".cypher", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            statements[normalized[Prefix.Length..]] = Clean(reader.ReadToEnd());
        }

        return statements.Count == 0
            ? throw new InvalidOperationException("No Cypher files are embedded; check the EmbeddedResource item of the Infrastructure project.")
            : new CypherScripts(statements);
    }

    // One statement per file; a trailing ';' is tolerated by the lint but not by the Query API.
    private static string Clean(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.EndsWith(';') ? trimmed[..^1] : trimmed;
    }
}
