using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Distill.GraphQL.Language;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Execution;

/// <summary>A parsed and validated document, cached by its text, with its collected-field plans.</summary>
internal sealed class PreparedDocument
{
    public PreparedDocument(string text)
    {
        Text = text;
        Source = new SourceText(text);
        Sha256 = HashOf(text);
    }

    /// <summary>Hex SHA-256 of a document's UTF-8 text.</summary>
    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public string Text { get; }

    public SourceText Source { get; }

    public string Sha256 { get; }

    public DocumentNode? Document { get; set; }

    /// <summary>Syntax or validation errors; when non-empty the document is never executed.</summary>
    public IReadOnlyList<GraphQLError> Errors { get; set; } = [];

    public Dictionary<string, FragmentDefinitionNode> Fragments { get; } = new(StringComparer.Ordinal);

    /// <summary>True when some @skip/@include takes a variable, so field plans depend on the request.</summary>
    public bool HasVariableDirectives { get; set; }

    public ConcurrentDictionary<(ObjectType Type, SelectionSetNode Set), CollectedField[]> FieldPlans { get; } = new();

    /// <summary>Whether a plan (by identity) reaches only parent-resolved fields down to its leaves (see <see cref="ObjectType.ImmutableValues"/>).</summary>
    public ConcurrentDictionary<CollectedField[], bool> PurePlans { get; } = new();
}
