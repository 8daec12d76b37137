using Distill.GraphQL.Language;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Validation;

/// <summary>Fragments: definitions on composite types, no cycles, none unused.</summary>
internal sealed partial class DocumentValidator
{
    private void ValidateFragmentDefinition(FragmentDefinitionNode fragment)
    {
        var typeName = fragment.TypeCondition.Name.Value;
        var type = _schema.GetType(typeName);
        if (type is null)
        {
            Report($"Unknown type \"{typeName}\".", fragment.TypeCondition);
        }
        else if (type is not (ObjectType or InterfaceType or UnionType))
        {
            Report($"Fragment \"{fragment.Name.Value}\" cannot condition on non composite type \"{typeName}\".", fragment.TypeCondition);
            type = null;
        }

        ValidateDirectives(fragment.Directives, DirectiveLocation.FragmentDefinition, fragment);
        VisitSelectionSet(fragment.SelectionSet, type, fragment);
    }

    private void CheckFragmentCycles()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fragment in _fragments.Values)
        {
            var path = new List<string>();
            var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
            DetectCycle(fragment.Name.Value, path, onPath, done);
        }
    }

    private void DetectCycle(string name, List<string> path, Dictionary<string, int> onPath, HashSet<string> done)
    {
        if (done.Contains(name) || !_fragments.TryGetValue(name, out var fragment))
        {
            return;
        }

        onPath[name] = path.Count;
        path.Add(name);
        if (_spreads.TryGetValue(fragment, out var spreads))
        {
            foreach (var target in spreads.Distinct())
            {
                if (onPath.TryGetValue(target, out var index))
                {
                    var via = path.Skip(index + 1).ToList();
                    var spreadNodes = FindSpreadNodes(path.Skip(index).Append(target).ToList());
                    Report(via.Count == 0
                        ? $"Cannot spread fragment \"{target}\" within itself."
                        : $"Cannot spread fragment \"{target}\" within itself via {string.Join(", ", via.Select(v => $"\"{v}\""))}.", spreadNodes);
                }
                else
                {
                    DetectCycle(target, path, onPath, done);
                }
            }
        }

        path.RemoveAt(path.Count - 1);
        onPath.Remove(name);
        done.Add(name);
    }

    private SyntaxNode[] FindSpreadNodes(List<string> chain)
    {
        var nodes = new List<SyntaxNode>();
        for (var i = 0; i + 1 < chain.Count; i++)
        {
            if (_fragments.TryGetValue(chain[i], out var fragment) && FindSpread(fragment.SelectionSet, chain[i + 1]) is { } node)
            {
                nodes.Add(node);
            }
        }

        return [.. nodes];
    }

    private static FragmentSpreadNode? FindSpread(SelectionSetNode set, string name)
    {
        foreach (var selection in set.Selections)
        {
            var found = selection switch
            {
                FragmentSpreadNode s when s.Name.Value == name => s,
                FieldNode { SelectionSet: { } child } => FindSpread(child, name),
                InlineFragmentNode inline => FindSpread(inline.SelectionSet, name),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private void CheckUnusedFragments(List<OperationDefinitionNode> operations)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in operations)
        {
            CollectReachable(op, used);
        }

        foreach (var definition in _document.Definitions)
        {
            if (definition is FragmentDefinitionNode fragment && !used.Contains(fragment.Name.Value))
            {
                Report($"Fragment \"{fragment.Name.Value}\" is never used.", fragment);
            }
        }
    }

    private void CollectReachable(SyntaxNode owner, HashSet<string> reached)
    {
        if (!_spreads.TryGetValue(owner, out var spreads))
        {
            return;
        }

        foreach (var name in spreads)
        {
            if (reached.Add(name) && _fragments.TryGetValue(name, out var fragment))
            {
                CollectReachable(fragment, reached);
            }
        }
    }
}
