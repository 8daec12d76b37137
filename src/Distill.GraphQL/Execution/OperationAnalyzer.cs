using Distill.GraphQL.Language;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Execution;

/// <summary>
/// Depth and cost limits of an operation, checked before execution. Cost = Σ field cost + multiplier × cost of the
/// sub-selection, where the multiplier is the field's <c>first</c>/<c>last</c> argument, else its declared
/// <see cref="FieldDefinition.ListSize"/>, or <see cref="GraphQLExecutionOptions.DefaultListCost"/> for a list field
/// not already bounded by its parent's <c>first</c>/<c>last</c> (a connection's <c>nodes</c>/<c>edges</c>).
/// Every alias and every fragment spread counts where it appears (a fragment spread ten times costs ten times), so
/// the cost can only over-estimate what execution does. Introspection fields are not counted.
/// </summary>
/// <remarks>
/// Linear in the document: the depth and cost of each fragment are computed once and memoised (per fragment, and
/// per "bounded" flag for cost), so 20 fragments each spreading the next ten times cost 20 fragment visits, not
/// 10^20. The work also stops when <c>cancellationToken</c> (the request's deadline) fires.
/// </remarks>
internal sealed class OperationAnalyzer
{
    /// <summary>Fragments spread inside fragments deeper than this are refused (execution recurses once per level).</summary>
    private const int MaxFragmentNesting = 64;

    private readonly Schema _schema;
    private readonly PreparedDocument _prepared;
    private readonly IReadOnlyDictionary<string, object?> _variables;
    private readonly GraphQLExecutionOptions _options;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, int> _fragmentDepths = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, bool), double> _fragmentCosts = [];
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

    private OperationAnalyzer(
        Schema schema,
        PreparedDocument prepared,
        IReadOnlyDictionary<string, object?> variables,
        GraphQLExecutionOptions options,
        CancellationToken cancellationToken)
    {
        _schema = schema;
        _prepared = prepared;
        _variables = variables;
        _options = options;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Adds MAX_DEPTH_EXCEEDED or MAX_COST_EXCEEDED to <paramref name="errors"/>; throws when the deadline passes.</summary>
    public static void Check(
        Schema schema,
        PreparedDocument prepared,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?> variables,
        GraphQLExecutionOptions options,
        List<GraphQLError> errors,
        CancellationToken cancellationToken = default)
    {
        var analyzer = new OperationAnalyzer(schema, prepared, variables, options, cancellationToken);
        var root = schema.GetRootType(operation.Operation)!;
        var location = new[] { prepared.Source.GetLocation(operation.Start) };
        var depth = analyzer.Depth(root, operation.SelectionSet, 0);
        if (depth > options.MaxDepth)
        {
            errors.Add(new GraphQLError($"Query depth exceeds the maximum of {options.MaxDepth}.", location, null, ErrorCodes.MaxDepthExceeded));
            return;
        }

        var cost = analyzer.Cost(root, operation.SelectionSet, bounded: false);
        if (cost > options.MaxCost)
        {
            var message = double.IsPositiveInfinity(cost)
                ? $"Query cost exceeds the maximum of {options.MaxCost} (fragments nested more than {MaxFragmentNesting} deep)."
                : cost >= 1e15
                    ? $"Query cost exceeds the maximum of {options.MaxCost}."
                    : $"Query cost {cost:0} exceeds the maximum of {options.MaxCost}.";
            errors.Add(new GraphQLError(message, location, null, ErrorCodes.MaxCostExceeded));
        }
    }

    /// <summary>The deepest field level under <paramref name="set"/>, counted from <paramref name="level"/>; stops early past the maximum.</summary>
    private int Depth(NamedType type, SelectionSetNode set, int level)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var max = _options.MaxDepth;
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
                    deepest = Math.Max(deepest, Depth(childType, field.SelectionSet, level + 1));
                    break;
                case FieldNode:
                    deepest = Math.Max(deepest, level + 1);
                    break;
                case InlineFragmentNode inline:
                    var inlineType = inline.TypeCondition is null ? type : _schema.GetType(inline.TypeCondition.Name.Value) ?? type;
                    deepest = Math.Max(deepest, Depth(inlineType, inline.SelectionSet, level));
                    break;
                case FragmentSpreadNode spread:
                    deepest = Math.Max(deepest, level + FragmentDepth(spread.Name.Value, type));
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

    /// <summary>How many field levels a fragment adds below the place it is spread (memoised).</summary>
    private int FragmentDepth(string name, NamedType type)
    {
        if (_fragmentDepths.TryGetValue(name, out var known))
        {
            return known;
        }

        if (!_prepared.Fragments.TryGetValue(name, out var fragment))
        {
            return 0;
        }

        // Fragment cycles are rejected by validation; a cycle reaching here counts as too deep.
        if (!_inProgress.Add(name))
        {
            return _options.MaxDepth + 1;
        }

        var fragmentType = _schema.GetType(fragment.TypeCondition.Name.Value) ?? type;
        var depth = Depth(fragmentType, fragment.SelectionSet, 0);
        _inProgress.Remove(name);
        _fragmentDepths[name] = depth;
        return depth;
    }

    private double Cost(NamedType type, SelectionSetNode set, bool bounded)
    {
        _cancellationToken.ThrowIfCancellationRequested();
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

                    var pageSize = PageSize(field);
                    var isList = definition.Type.Nullable is ListType;
                    double multiplier = pageSize ?? (isList && !bounded ? definition.ListSize ?? _options.DefaultListCost : 1);
                    if (field.SelectionSet is null)
                    {
                        // A list of scalars still costs per item it may return.
                        total += isList && definition.ListSize is { } size ? definition.Cost * (double)size : definition.Cost;
                        break;
                    }

                    total += definition.Cost;
                    total += multiplier * Cost(definition.Type.Named, field.SelectionSet, pageSize is not null);
                    break;
                case InlineFragmentNode inline:
                    var inlineType = inline.TypeCondition is null ? type : _schema.GetType(inline.TypeCondition.Name.Value) ?? type;
                    total += Cost(inlineType, inline.SelectionSet, bounded);
                    break;
                case FragmentSpreadNode spread:
                    total += FragmentCost(spread.Name.Value, type, bounded);
                    break;
                default:
                    break;
            }

            if (double.IsInfinity(total))
            {
                return total;
            }
        }

        return total;
    }

    /// <summary>The cost of one spread of a fragment (memoised per fragment and "bounded" flag).</summary>
    private double FragmentCost(string name, NamedType type, bool bounded)
    {
        if (_fragmentCosts.TryGetValue((name, bounded), out var known))
        {
            return known;
        }

        if (!_prepared.Fragments.TryGetValue(name, out var fragment))
        {
            return 0;
        }

        // A cycle (rejected by validation) or a chain deeper than the nesting limit.
        if (_inProgress.Count >= MaxFragmentNesting || !_inProgress.Add(name))
        {
            return double.PositiveInfinity;
        }

        var fragmentType = _schema.GetType(fragment.TypeCondition.Name.Value) ?? type;
        var cost = Cost(fragmentType, fragment.SelectionSet, bounded);
        _inProgress.Remove(name);
        _fragmentCosts[(name, bounded)] = cost;
        return cost;
    }

    private int? PageSize(FieldNode field)
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
                VariableNode v when _variables.TryGetValue(v.Name.Value, out var x) && x is int n2 => n2,
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
