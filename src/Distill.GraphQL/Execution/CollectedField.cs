using System.Text.Json;
using Distill.GraphQL.Language;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Execution;

/// <summary>One response key of a selection set after fragments and directives are applied.</summary>
internal sealed class CollectedField(string responseName, FieldDefinition definition, bool isTypeName)
{
    public string ResponseName { get; } = responseName;

    /// <summary>The response key escaped and UTF-8 encoded once per plan, not once per written object.</summary>
    public JsonEncodedText EncodedName { get; } = JsonEncodedText.Encode(responseName, ExecutionResult.WriterOptions.Encoder);

    public FieldDefinition Definition { get; } = definition;

    public bool IsTypeName { get; } = isTypeName;

    public List<FieldNode> Nodes { get; } = [];

    public FieldNode First => Nodes[0];

    /// <summary>Arguments coerced once when they hold no variables (reused by every execution of this plan).</summary>
    public IReadOnlyDictionary<string, object?>? ConstantArguments { get; set; }

    public bool ArgumentsUseVariables { get; set; }
}
