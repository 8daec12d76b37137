using Distill.GraphQL.Language;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Execution;

/// <summary>Field collection (CollectFields of the spec): fragments, directives, and the sub-fields of a field.</summary>
public sealed partial class GraphQLExecutor
{
    private CollectedField[] CollectFields(ExecutionContext context, ObjectType type, List<SelectionSetNode> sets)
    {
        var cacheable = sets.Count == 1 && !context.Document.HasVariableDirectives;
        if (cacheable && context.Document.FieldPlans.TryGetValue((type, sets[0]), out var plan))
        {
            return plan;
        }

        var map = new Dictionary<string, CollectedField>(StringComparer.Ordinal);
        var order = new List<CollectedField>();
        HashSet<string>? visited = null;
        foreach (var set in sets)
        {
            Collect(context, type, set, map, order, ref visited);
        }

        plan = [.. order];
        if (cacheable)
        {
            context.Document.FieldPlans.TryAdd((type, sets[0]), plan);
        }

        return plan;
    }

    private void Collect(
        ExecutionContext context,
        ObjectType type,
        SelectionSetNode set,
        Dictionary<string, CollectedField> map,
        List<CollectedField> order,
        ref HashSet<string>? visitedFragments)
    {
        foreach (var selection in set.Selections)
        {
            if (!ShouldInclude(selection.Directives, context.Variables))
            {
                continue;
            }

            switch (selection)
            {
                case FieldNode field:
                    var responseName = field.ResponseName;
                    if (!map.TryGetValue(responseName, out var collected))
                    {
                        var fieldName = field.Name.Value;
                        var isTypeName = fieldName == "__typename";
                        var definition = isTypeName
                            ? Schema.Introspection.TypeNameField
                            : fieldName == "__schema" && type == Schema.Query ? Schema.Introspection.SchemaField
                            : fieldName == "__type" && type == Schema.Query ? Schema.Introspection.TypeField
                            : type.GetField(fieldName);
                        if (definition is null)
                        {
                            continue; // Unreachable after validation.
                        }

                        collected = new CollectedField(responseName, definition, isTypeName)
                        {
                            ArgumentsUseVariables = ArgumentsUseVariables(field.Arguments),
                        };
                        map.Add(responseName, collected);
                        order.Add(collected);
                    }

                    collected.Nodes.Add(field);
                    break;
                case FragmentSpreadNode spread:
                    visitedFragments ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!visitedFragments.Add(spread.Name.Value)
                        || !context.Document.Fragments.TryGetValue(spread.Name.Value, out var fragment)
                        || !DoesFragmentApply(type, fragment.TypeCondition.Name.Value))
                    {
                        continue;
                    }

                    Collect(context, type, fragment.SelectionSet, map, order, ref visitedFragments);
                    break;
                case InlineFragmentNode inline:
                    if (inline.TypeCondition is not null && !DoesFragmentApply(type, inline.TypeCondition.Name.Value))
                    {
                        continue;
                    }

                    Collect(context, type, inline.SelectionSet, map, order, ref visitedFragments);
                    break;
                default:
                    break;
            }
        }
    }

    private bool DoesFragmentApply(ObjectType type, string conditionName)
    {
        var condition = Schema.GetType(conditionName);
        return condition is not null && Schema.IsPossibleType(condition, type);
    }

    private static bool ArgumentsUseVariables(IReadOnlyList<ArgumentNode> arguments)
    {
        foreach (var a in arguments)
        {
            if (ContainsVariable(a.Value))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool ContainsVariable(ValueNode value) => value switch
    {
        VariableNode => true,
        ListValueNode l => l.Values.Any(ContainsVariable),
        ObjectValueNode o => o.Fields.Any(f => ContainsVariable(f.Value)),
        _ => false,
    };

    internal static bool ShouldInclude(IReadOnlyList<DirectiveNode> directives, IReadOnlyDictionary<string, object?> variables)
    {
        foreach (var d in directives)
        {
            var name = d.Name.Value;
            if (name is not ("skip" or "include") || d.Arguments.Count == 0)
            {
                continue;
            }

            var value = ValueCoercer.CoerceLiteral(d.Arguments[0].Value, TypeSystem.Types.NonNull(TypeSystem.Types.Boolean), variables);
            var flag = value is true;
            if ((name == "skip" && flag) || (name == "include" && !flag))
            {
                return false;
            }
        }

        return true;
    }

    private CollectedField[] SubFields(ExecutionContext context, ObjectType type, CollectedField field)
    {
        var stable = !context.Document.HasVariableDirectives;
        if (stable && field.LastSubPlan is { } last && ReferenceEquals(last.Type, type))
        {
            return last.Fields;
        }

        CollectedField[] plan;
        if (field.Nodes.Count == 1)
        {
            plan = CollectFields(context, type, [field.First.SelectionSet!]);
        }
        else
        {
            var sets = new List<SelectionSetNode>(field.Nodes.Count);
            foreach (var node in field.Nodes)
            {
                if (node.SelectionSet is not null)
                {
                    sets.Add(node.SelectionSet);
                }
            }

            plan = CollectFields(context, type, sets);
        }

        if (stable)
        {
            field.LastSubPlan = new CollectedField.SubPlan(type, plan);
        }

        return plan;
    }
}
