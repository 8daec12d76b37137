using System.Text.Json;
using Distill.GraphQL.Language;

namespace Distill.GraphQL.TypeSystem;

/// <summary>A leaf type. The built-in scalars and DateTime, Long and JSON are in <see cref="Types"/>.</summary>
public abstract class ScalarType : NamedType
{
    private protected ScalarType(string name, string? description, string? specifiedByUrl = null)
        : base(name)
    {
        Description = description;
        SpecifiedByUrl = specifiedByUrl;
    }

    public override TypeKind Kind => TypeKind.Scalar;

    public string? SpecifiedByUrl { get; }

    internal bool IsBuiltIn { get; init; }

    /// <summary>Turns a resolved value into a JSON-writable value; throws <see cref="GraphQLException"/> if it cannot.</summary>
    internal abstract object? Serialize(object value);

    /// <summary>Coerces a literal from the document; throws <see cref="InputCoercionException"/> when invalid.</summary>
    internal abstract object? ParseLiteral(ValueNode literal);

    /// <summary>Coerces a value from the variables JSON; throws <see cref="InputCoercionException"/> when invalid.</summary>
    internal abstract object? ParseValue(JsonElement value);

    /// <summary>Prints an internal value as a GraphQL literal (introspection default values).</summary>
    internal abstract string PrintLiteral(object value);
}
