using Distill.GraphQL.Language;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Execution;

/// <summary>
/// Depth and cost limits of an operation, checked before execution. Cost = Σ field cost + multiplier × cost of the
/// sub-selection, where the multiplier is the field's <c>first</c>/<c>last</c> argument, or
/// <see cref="GraphQLExecutionOptions.DefaultListCost"/> for a list field not already bounded by its parent's
/// <c>first</c>/<c>last</c> (a connection's <c>nodes</c>/<c>edges</c>). Introspection fields are not counted.
/// </summary>
internal static class OperationAnalyzer
{
    public static void Check(
        Schema schema,
        PreparedDocument prepared,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?> variables,
        GraphQLExecutionOptions options,
        List<GraphQLError> errors)
    {
        var root = schema.GetRootType(operation.Operation)!;
        var location = new[] { prepared.Source.GetLocation(operation.Start) };
        var depth = Depth(schema, prepared, root, operation.SelectionSet, 0, options.MaxDepth);
        if (depth > options.MaxDepth)
        {
            errors.Add(new GraphQLError($"Query depth exceeds the maximum of {options.MaxDepth}.", location, null, ErrorCodes.MaxDepthExceeded));
            return;
        }

        var cost = Cost(schema, prepared, root, operation.SelectionSet, variables, options, bounded: false, 0);
        if (cost > options.MaxCost)
        {
            errors.Add(new GraphQLError($"Query cost {cost:0} exceeds the maximum of {options.MaxCost}.", location, null, ErrorCodes.MaxCostExceeded));
        }
    }

    private static int Depth(Schema schema, PreparedDocument prepared, NamedType type, SelectionSetNode set, int level, int max)
    {
        if (level > max)
        {
            return level;
        }

        var deepest = level;
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode field when field.SelectionSet is not null && !field.Name.Value.StartsWith("__", StringComparison.Ordinal):
                    var childType = (type as ComplexType)?.GetField(field.Name.Value)?.Type.Named ?? type;
                    deepest = Math.Max(deepest, Depth(schema, prepared, childType, field.SelectionSet, level + 1, max));
                    break;
                case FieldNode:
                    deepest = Math.Max(deepest, level + 1);
                    break;
                case InlineFragmentNode inline:
                    var inlineType = inline.TypeCondition is null ? type : schema.GetType(inline.TypeCondition.Name.Value) ?? type;
                    deepest = Math.Max(deepest, Depth(schema, prepared, inlineType, inline.SelectionSet, level, max));
                    break;
                case FragmentSpreadNode spread when prepared.Fragments.TryGetValue(spread.Name.Value, out var fragment):
                    var fragmentType = schema.GetType(fragment.TypeCondition.Name.Value) ?? type;
                    deepest = Math.Max(deepest, Depth(schema, prepared, fragmentType, fragment.SelectionSet, level, max));
                    break;
                default:
                    break;
            }

            if (deepest > max)
            {
                return deepest;
            }
        }

        return deepest;
    }

    private static double Cost(
        Schema schema,
        PreparedDocument prepared,
        NamedType type,
        SelectionSetNode set,
        IReadOnlyDictionary<string, object?> variables,
        GraphQLExecutionOptions options,
        bool bounded,
        int level)
    {
        // Fragment cycles are rejected by validation; the level guard only protects against pathological input.
        if (level > 64)
        {
            return double.PositiveInfinity;
        }

        double total = 0;
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode field when field.Name.Value.StartsWith("__", StringComparison.Ordinal):
                    break;
                case FieldNode field:
                    var definition = (type as ComplexType)?.GetField(field.Name.Value);
                    if (definition is null)
                    {
                        break;
                    }

                    total += definition.Cost;
                    if (field.SelectionSet is null)
                    {
                        break;
                    }

                    var pageSize = PageSize(field, variables);
                    var isList = definition.Type.Nullable is ListType;
                    double multiplier = pageSize ?? (isList && !bounded ? options.DefaultListCost : 1);
                    total += multiplier * Cost(schema, prepared, definition.Type.Named, field.SelectionSet, variables, options, pageSize is not null, level + 1);
                    break;
                case InlineFragmentNode inline:
                    var inlineType = inline.TypeCondition is null ? type : schema.GetType(inline.TypeCondition.Name.Value) ?? type;
                    total += Cost(schema, prepared, inlineType, inline.SelectionSet, variables, options, bounded, level + 1);
                    break;
                case FragmentSpreadNode spread when prepared.Fragments.TryGetValue(spread.Name.Value, out var fragment):
                    var fragmentType = schema.GetType(fragment.TypeCondition.Name.Value) ?? type;
                    total += Cost(schema, prepared, fragmentType, fragment.SelectionSet, variables, options, bounded, level + 1);
                    break;
                default:
                    break;
            }
        }

        return total;
    }

    private static int? PageSize(FieldNode field, IReadOnlyDictionary<string, object?> variables)
    {
        foreach (var argument in field.Arguments)
        {
            if (argument.Name.Value is not ("first" or "last"))
            {
                continue;
            }

            var value = argument.Value switch
            {
                IntValueNode i when int.TryParse(i.Value, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
                VariableNode v when variables.TryGetValue(v.Name.Value, out var x) && x is int n2 => n2,
                _ => (int?)null,
            };
            if (value is not null)
            {
                return Math.Max(1, value.Value);
            }
        }

        return null;
    }
}
