using Distill.GraphQL.Language;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Validation;

/// <summary>"Overlapping fields can be merged": fields with one response name must be the same field with the same arguments and compatible types.</summary>
internal sealed partial class DocumentValidator
{
    private readonly HashSet<(FieldNode, FieldNode, bool)> _comparedPairs = [];

    private void CheckOverlappingFields()
    {
        foreach (var definition in _document.Definitions)
        {
            switch (definition)
            {
                case OperationDefinitionNode op when _schema.GetRootType(op.Operation) is { } root:
                    VisitForConflicts(op.SelectionSet, root);
                    break;
                case FragmentDefinitionNode f when _schema.GetType(f.TypeCondition.Name.Value) is { } t && IsComposite(t):
                    VisitForConflicts(f.SelectionSet, t);
                    break;
                default:
                    break;
            }
        }
    }

    private void VisitForConflicts(SelectionSetNode set, NamedType parentType)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var fieldMap = CollectFieldsForMerge(parentType, set);
        foreach (var (responseName, fields) in fieldMap)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                for (var j = i + 1; j < fields.Count; j++)
                {
                    if (FindConflict(fields[i], fields[j], false) is { } conflict)
                    {
                        // Like graphql-js: the two fields, each followed by the sub-fields that conflict.
                        Report($"Fields \"{responseName}\" conflict because {conflict.Reason}. Use different aliases on the fields to fetch both if this was intentional.",
                            [fields[i].Node, .. conflict.Left, fields[j].Node, .. conflict.Right]);
                    }
                }
            }
        }

        // Every nested selection set is checked on its own as well.
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode { SelectionSet: { } child } field:
                    var type = GetFieldDefinition(parentType, field.Name.Value)?.Type.Named;
                    if (type is not null && IsComposite(type))
                    {
                        VisitForConflicts(child, type);
                    }

                    break;
                case InlineFragmentNode inline:
                    var inlineType = inline.TypeCondition is null ? parentType : _schema.GetType(inline.TypeCondition.Name.Value);
                    if (inlineType is not null && IsComposite(inlineType))
                    {
                        VisitForConflicts(inline.SelectionSet, inlineType);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private Dictionary<string, List<MergeField>> CollectFieldsForMerge(NamedType? parentType, SelectionSetNode set)
    {
        var map = new Dictionary<string, List<MergeField>>(StringComparer.Ordinal);
        CollectFieldsForMerge(parentType, set, map, new HashSet<string>(StringComparer.Ordinal));
        return map;
    }

    private void CollectFieldsForMerge(NamedType? parentType, SelectionSetNode set, Dictionary<string, List<MergeField>> map, HashSet<string> visited)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    var definition = parentType is null ? null : GetFieldDefinition(parentType, field.Name.Value);
                    if (!map.TryGetValue(field.ResponseName, out var list))
                    {
                        list = [];
                        map.Add(field.ResponseName, list);
                    }

                    list.Add(new MergeField(parentType, field, definition));
                    break;
                case InlineFragmentNode inline:
                    var inlineType = inline.TypeCondition is null ? parentType : _schema.GetType(inline.TypeCondition.Name.Value);
                    CollectFieldsForMerge(inlineType, inline.SelectionSet, map, visited);
                    break;
                case FragmentSpreadNode spread:
                    if (visited.Add(spread.Name.Value) && _fragments.TryGetValue(spread.Name.Value, out var fragment))
                    {
                        CollectFieldsForMerge(_schema.GetType(fragment.TypeCondition.Name.Value), fragment.SelectionSet, map, visited);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Returns why two fields with one response name cannot be merged (and the sub-fields involved), or null when they can.</summary>
    private Conflict? FindConflict(MergeField a, MergeField b, bool parentsMutuallyExclusive)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (ReferenceEquals(a.Node, b.Node))
        {
            return null;
        }

        var exclusive = parentsMutuallyExclusive
            || (a.ParentType != b.ParentType && a.ParentType is ObjectType && b.ParentType is ObjectType);
        if (!_comparedPairs.Add((a.Node, b.Node, exclusive)))
        {
            return null;
        }

        if (!exclusive)
        {
            if (a.Node.Name.Value != b.Node.Name.Value)
            {
                return new Conflict($"\"{a.Node.Name.Value}\" and \"{b.Node.Name.Value}\" are different fields", [], []);
            }

            if (!SameArguments(a.Node.Arguments, b.Node.Arguments))
            {
                return new Conflict("they have differing arguments", [], []);
            }
        }

        var typeA = a.Definition?.Type;
        var typeB = b.Definition?.Type;
        if (typeA is not null && typeB is not null && DoTypesConflict(typeA, typeB))
        {
            return new Conflict($"they return conflicting types \"{typeA}\" and \"{typeB}\"", [], []);
        }

        if (a.Node.SelectionSet is not null && b.Node.SelectionSet is not null)
        {
            var mapA = CollectFieldsForMerge(typeA?.Named, a.Node.SelectionSet);
            var mapB = CollectFieldsForMerge(typeB?.Named, b.Node.SelectionSet);
            var reasons = new List<string>();
            var left = new List<SyntaxNode>();
            var right = new List<SyntaxNode>();
            foreach (var (name, fieldsA) in mapA)
            {
                if (!mapB.TryGetValue(name, out var fieldsB))
                {
                    continue;
                }

                foreach (var fa in fieldsA)
                {
                    foreach (var fb in fieldsB)
                    {
                        if (FindConflict(fa, fb, exclusive) is { } sub)
                        {
                            reasons.Add($"\"{name}\" conflict because {sub.Reason}");
                            left.Add(fa.Node);
                            left.AddRange(sub.Left);
                            right.Add(fb.Node);
                            right.AddRange(sub.Right);
                        }
                    }
                }
            }

            if (reasons.Count > 0)
            {
                return new Conflict("subfields " + string.Join(" and ", reasons), left, right);
            }
        }

        return null;
    }

    private static bool SameArguments(IReadOnlyList<ArgumentNode> a, IReadOnlyList<ArgumentNode> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var argument in a)
        {
            var other = b.FirstOrDefault(x => x.Name.Value == argument.Name.Value);
            if (other is null || Printer.PrintValue(other.Value) != Printer.PrintValue(argument.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool DoTypesConflict(GraphQLType a, GraphQLType b)
    {
        if (a is ListType la)
        {
            return b is not ListType lb || DoTypesConflict(la.OfType, lb.OfType);
        }

        if (b is ListType)
        {
            return true;
        }

        if (a is NonNullType na)
        {
            return b is not NonNullType nb || DoTypesConflict(na.OfType, nb.OfType);
        }

        if (b is NonNullType)
        {
            return true;
        }

        var leafA = a is ScalarType or EnumType;
        var leafB = b is ScalarType or EnumType;
        return (leafA || leafB) && a != b;
    }

    private sealed record Conflict(string Reason, List<SyntaxNode> Left, List<SyntaxNode> Right);

    private sealed record MergeField(NamedType? ParentType, FieldNode Node, FieldDefinition? Definition);
}
