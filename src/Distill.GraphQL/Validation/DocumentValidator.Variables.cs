using Distill.GraphQL.Execution;
using Distill.GraphQL.Language;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Validation;

/// <summary>Variables: every usage defined and of an allowed type (VariablesInAllowedPosition).</summary>
internal sealed partial class DocumentValidator
{
    private void CheckVariableUsages(OperationDefinitionNode op)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        CollectReachable(op, reached);
        var usages = new List<VariableUsage>(_usages.GetValueOrDefault(op) ?? []);
        foreach (var name in reached)
        {
            if (_fragments.TryGetValue(name, out var fragment) && _usages.TryGetValue(fragment, out var fragmentUsages))
            {
                usages.AddRange(fragmentUsages);
            }
        }

        var definitions = new Dictionary<string, VariableDefinitionNode>(StringComparer.Ordinal);
        foreach (var d in op.VariableDefinitions)
        {
            definitions.TryAdd(d.Variable.Name.Value, d);
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var usage in usages)
        {
            var name = usage.Node.Name.Value;
            used.Add(name);
            if (!definitions.TryGetValue(name, out var definition))
            {
                Report(op.Name is null
                    ? $"Variable \"${name}\" is not defined."
                    : $"Variable \"${name}\" is not defined by operation \"{op.Name.Value}\".", usage.Node, op);
                continue;
            }

            var variableType = ValueCoercer.TypeFromNode(_schema, definition.Type);
            if (variableType is null || usage.Type is null || !variableType.IsInputType)
            {
                continue;
            }

            if (!IsVariableUsageAllowed(variableType, definition.DefaultValue, usage.Type, usage.HasLocationDefault))
            {
                Report($"Variable \"${name}\" of type \"{variableType}\" used in position expecting type \"{usage.Type}\".", definition, usage.Node);
            }
        }

        foreach (var d in op.VariableDefinitions)
        {
            if (!used.Contains(d.Variable.Name.Value))
            {
                Report(op.Name is null
                    ? $"Variable \"${d.Variable.Name.Value}\" is never used."
                    : $"Variable \"${d.Variable.Name.Value}\" is never used in operation \"{op.Name.Value}\".", d);
            }
        }
    }

    private bool IsVariableUsageAllowed(GraphQLType variableType, ValueNode? variableDefault, GraphQLType locationType, bool hasLocationDefault)
    {
        if (locationType is NonNullType locationNonNull && variableType is not NonNullType)
        {
            var hasNonNullDefault = variableDefault is not null and not NullValueNode;
            if (!hasNonNullDefault && !hasLocationDefault)
            {
                return false;
            }

            return _schema.IsTypeSubTypeOf(variableType, locationNonNull.OfType);
        }

        return _schema.IsTypeSubTypeOf(variableType, locationType);
    }

    private List<VariableUsage> Usages(SyntaxNode owner)
    {
        if (!_usages.TryGetValue(owner, out var list))
        {
            list = [];
            _usages.Add(owner, list);
        }

        return list;
    }

    private sealed record VariableUsage(VariableNode Node, GraphQLType? Type, bool HasLocationDefault);
}
