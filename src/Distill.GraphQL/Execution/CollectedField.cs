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

    /// <summary>
    /// The sub-selection's plan for the object type last completed here (a list of 50 chains completes the same type
    /// 50 times); only set when the document has no directive with a variable, so the plan cannot vary per request.
    /// </summary>
    public SubPlan? LastSubPlan { get; set; }

    /// <summary>An object type and its collected sub-fields, replaced as a whole so readers never see a torn pair.</summary>
    internal sealed class SubPlan(ObjectType type, CollectedField[] fields)
    {
        public ObjectType Type { get; } = type;

        public CollectedField[] Fields { get; } = fields;
    }
}
