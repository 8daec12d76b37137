using Distill.GraphQL.Execution;
using Distill.GraphQL.Language;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Validation;

/// <summary>
/// The rules of the specification's Validation section (October 2021), with graphql-js's messages, in parts: values
/// (<c>.Values.cs</c>), fragments (<c>.Fragments.cs</c>), variables (<c>.Variables.cs</c>) and field
/// selection merging (<c>.Overlap.cs</c>); operations, fields, arguments and directives here.
/// </summary>
internal sealed partial class DocumentValidator
{
    private readonly Schema _schema;
    private readonly DocumentNode _document;
    private readonly SourceText _source;
    private readonly List<GraphQLError> _errors = [];
    private readonly Dictionary<string, FragmentDefinitionNode> _fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<SyntaxNode, List<VariableUsage>> _usages = [];
    private readonly Dictionary<SyntaxNode, List<string>> _spreads = [];
    private readonly CancellationToken _cancellationToken;

    private DocumentValidator(Schema schema, DocumentNode document, SourceText source, CancellationToken cancellationToken)
    {
        _schema = schema;
        _document = document;
        _source = source;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Runs every rule; throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> (the request's deadline) fires.</summary>
    public static List<GraphQLError> Validate(Schema schema, DocumentNode document, SourceText source, CancellationToken cancellationToken = default)
    {
        var validator = new DocumentValidator(schema, document, source, cancellationToken);
        validator.Run();
        return validator._errors;
    }

    /// <summary>Whether any @skip/@include in the document takes a variable (field plans then vary per request).</summary>
    public static bool HasVariableDirectives(DocumentNode document)
    {
        foreach (var definition in document.Definitions)
        {
            var set = definition switch
            {
                OperationDefinitionNode op => op.SelectionSet,
                FragmentDefinitionNode f => f.SelectionSet,
                _ => null,
            };
            if (set is not null && HasVariableDirectives(set))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasVariableDirectives(SelectionSetNode set)
    {
        foreach (var selection in set.Selections)
        {
            foreach (var d in selection.Directives)
            {
                foreach (var a in d.Arguments)
                {
                    if (a.Value is VariableNode)
                    {
                        return true;
                    }
                }
            }

            var child = selection switch
            {
                FieldNode f => f.SelectionSet,
                InlineFragmentNode i => i.SelectionSet,
                _ => null,
            };
            if (child is not null && HasVariableDirectives(child))
            {
                return true;
            }
        }

        return false;
    }

    private void Run()
    {
        var operations = new List<OperationDefinitionNode>();
        var operationNames = new Dictionary<string, OperationDefinitionNode>(StringComparer.Ordinal);
        foreach (var definition in _document.Definitions)
        {
            switch (definition)
            {
                case TypeSystemDefinitionNode t:
                    Report(t.Name is null ? $"The {t.Keyword} definition is not executable." : $"The \"{t.Name}\" definition is not executable.", t);
                    break;
                case OperationDefinitionNode op:
                    operations.Add(op);
                    if (op.Name is not null)
                    {
                        if (operationNames.TryGetValue(op.Name.Value, out var first))
                        {
                            Report($"There can be only one operation named \"{op.Name.Value}\".", first.Name!, op.Name);
                        }
                        else
                        {
                            operationNames.Add(op.Name.Value, op);
                        }
                    }

                    break;
                case FragmentDefinitionNode fragment:
                    if (_fragments.TryGetValue(fragment.Name.Value, out var existing))
                    {
                        Report($"There can be only one fragment named \"{fragment.Name.Value}\".", existing.Name, fragment.Name);
                    }
                    else
                    {
                        _fragments.Add(fragment.Name.Value, fragment);
                    }

                    break;
                default:
                    break;
            }
        }

        foreach (var op in operations)
        {
            if (op.Name is null && operations.Count > 1)
            {
                Report("This anonymous operation must be the only defined operation.", op);
            }

            ValidateOperation(op);
        }

        foreach (var fragment in _document.Definitions.OfType<FragmentDefinitionNode>())
        {
            ValidateFragmentDefinition(fragment);
        }

        CheckFragmentCycles();
        CheckUnusedFragments(operations);
        foreach (var op in operations)
        {
            CheckVariableUsages(op);
        }

        CheckOverlappingFields();
    }

    private void ValidateOperation(OperationDefinitionNode op)
    {
        var root = _schema.GetRootType(op.Operation);
        if (root is null)
        {
            Report($"Schema is not configured to execute {op.Operation.ToString().ToLowerInvariant()} operation.", op);
        }

        if (op.Operation == OperationType.Subscription && root is not null)
        {
            ValidateSubscriptionRoot(op, root);
        }

        var seen = new Dictionary<string, VariableDefinitionNode>(StringComparer.Ordinal);
        foreach (var variable in op.VariableDefinitions)
        {
            var name = variable.Variable.Name.Value;
            if (seen.TryGetValue(name, out var first))
            {
                Report($"There can be only one variable named \"${name}\".", first.Variable.Name, variable.Variable.Name);
            }
            else
            {
                seen.Add(name, variable);
            }

            var named = NamedOf(variable.Type);
            var type = ValueCoercer.TypeFromNode(_schema, variable.Type);
            if (_schema.GetType(named.Name.Value) is null)
            {
                Report($"Unknown type \"{named.Name.Value}\".", named);
            }
            else if (!type!.IsInputType)
            {
                Report($"Variable \"${name}\" cannot be non-input type \"{Printer.PrintType(variable.Type)}\".", variable.Type);
            }
            else if (variable.DefaultValue is not null)
            {
                ValidateValue(variable.DefaultValue, type, op, hasLocationDefault: false);
            }

            ValidateDirectives(variable.Directives, DirectiveLocation.VariableDefinition, op);
        }

        ValidateDirectives(op.Directives, op.Operation switch
        {
            OperationType.Query => DirectiveLocation.Query,
            OperationType.Mutation => DirectiveLocation.Mutation,
            _ => DirectiveLocation.Subscription,
        }, op);
        VisitSelectionSet(op.SelectionSet, root, op);
    }

    /// <summary>
    /// The "Single root field" rule of subscriptions: the root selection set, with its fragments collected, has exactly
    /// one response key, which is not an introspection field. @skip and @include are refused at the root (as the spec's
    /// current draft does), since the field that opens the source stream must not depend on variables.
    /// </summary>
    private void ValidateSubscriptionRoot(OperationDefinitionNode op, ObjectType root)
    {
        var grouped = new Dictionary<string, List<FieldNode>>(StringComparer.Ordinal);
        var conditional = new List<SyntaxNode>();
        CollectRootFields(op.SelectionSet, root, grouped, conditional, new HashSet<string>(StringComparer.Ordinal));
        var name = op.Name?.Value;
        if (conditional.Count > 0)
        {
            Report(name is null
                ? "Anonymous Subscription must not use `@skip` or `@include` directives in the top level selection."
                : $"Subscription \"{name}\" must not use `@skip` or `@include` directives in the top level selection.", [.. conditional]);
        }

        if (grouped.Count > 1)
        {
            Report(name is null
                ? "Anonymous Subscription must select only one top level field."
                : $"Subscription \"{name}\" must select only one top level field.", [.. grouped.Values.Skip(1).SelectMany(f => f)]);
        }

        foreach (var fields in grouped.Values)
        {
            if (fields[0].Name.Value.StartsWith("__", StringComparison.Ordinal))
            {
                Report(name is null
                    ? "Anonymous Subscription must not select an introspection top level field."
                    : $"Subscription \"{name}\" must not select an introspection top level field.", [.. fields]);
            }
        }
    }

    private void CollectRootFields(SelectionSetNode set, ObjectType root, Dictionary<string, List<FieldNode>> grouped, List<SyntaxNode> conditional, HashSet<string> visited)
    {
        foreach (var selection in set.Selections)
        {
            if (selection.Directives.Any(d => d.Name.Value is "skip" or "include"))
            {
                conditional.Add(selection);
            }

            switch (selection)
            {
                case FieldNode field:
                    if (!grouped.TryGetValue(field.ResponseName, out var list))
                    {
                        grouped.Add(field.ResponseName, list = []);
                    }

                    list.Add(field);
                    break;
                case InlineFragmentNode inline:
                    if (inline.TypeCondition is null || _schema.GetType(inline.TypeCondition.Name.Value) is { } t && _schema.IsPossibleType(t, root))
                    {
                        CollectRootFields(inline.SelectionSet, root, grouped, conditional, visited);
                    }

                    break;
                case FragmentSpreadNode spread:
                    if (visited.Add(spread.Name.Value) && _fragments.TryGetValue(spread.Name.Value, out var fragment)
                        && _schema.GetType(fragment.TypeCondition.Name.Value) is { } ft && _schema.IsPossibleType(ft, root))
                    {
                        CollectRootFields(fragment.SelectionSet, root, grouped, conditional, visited);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private void VisitSelectionSet(SelectionSetNode set, NamedType? parentType, SyntaxNode owner)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    ValidateDirectives(field.Directives, DirectiveLocation.Field, owner);
                    VisitField(field, parentType, owner);
                    break;
                case InlineFragmentNode inline:
                    ValidateDirectives(inline.Directives, DirectiveLocation.InlineFragment, owner);
                    var inlineType = parentType;
                    if (inline.TypeCondition is not null)
                    {
                        var name = inline.TypeCondition.Name.Value;
                        inlineType = _schema.GetType(name);
                        if (inlineType is null)
                        {
                            Report($"Unknown type \"{name}\".", inline.TypeCondition);
                        }
                        else if (inlineType is not (ObjectType or InterfaceType or UnionType))
                        {
                            Report($"Fragment cannot condition on non composite type \"{name}\".", inline.TypeCondition);
                            inlineType = null;
                        }
                        else if (parentType is not null && IsComposite(parentType) && !_schema.Overlaps(parentType, inlineType))
                        {
                            Report($"Fragment cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{name}\".", inline);
                        }
                    }

                    VisitSelectionSet(inline.SelectionSet, inlineType, owner);
                    break;
                case FragmentSpreadNode spread:
                    ValidateDirectives(spread.Directives, DirectiveLocation.FragmentSpread, owner);
                    var fragmentName = spread.Name.Value;
                    Spreads(owner).Add(fragmentName);
                    if (!_fragments.TryGetValue(fragmentName, out var fragment))
                    {
                        Report($"Unknown fragment \"{fragmentName}\".", spread.Name);
                    }
                    else if (parentType is not null && IsComposite(parentType)
                        && _schema.GetType(fragment.TypeCondition.Name.Value) is { } fragmentType && IsComposite(fragmentType)
                        && !_schema.Overlaps(parentType, fragmentType))
                    {
                        Report($"Fragment \"{fragmentName}\" cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragmentType.Name}\".", spread);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private void VisitField(FieldNode field, NamedType? parentType, SyntaxNode owner)
    {
        var name = field.Name.Value;
        var definition = parentType is null ? null : GetFieldDefinition(parentType, name);
        if (parentType is not null && definition is null)
        {
            Report($"Cannot query field \"{name}\" on type \"{parentType.Name}\".", field);
        }

        ValidateArguments(field.Arguments, definition?.Arguments, owner, argumentName => $"Unknown argument \"{argumentName}\" on field \"{parentType?.Name}.{name}\".");
        if (definition is not null)
        {
            foreach (var argument in definition.Arguments)
            {
                if (argument.Type is NonNullType && !argument.HasDefaultValue && !field.Arguments.Any(a => a.Name.Value == argument.Name))
                {
                    Report($"Field \"{name}\" argument \"{argument.Name}\" of type \"{argument.Type}\" is required, but it was not provided.", field);
                }
            }
        }

        var fieldType = definition?.Type.Named;
        if (fieldType is not null)
        {
            if (IsComposite(fieldType) && field.SelectionSet is null)
            {
                Report($"Field \"{name}\" of type \"{definition!.Type}\" must have a selection of subfields. Did you mean \"{name} {{ ... }}\"?", field);
            }
            else if (!IsComposite(fieldType) && field.SelectionSet is not null)
            {
                Report($"Field \"{name}\" must not have a selection since type \"{definition!.Type}\" has no subfields.", field.SelectionSet);
            }
        }

        if (field.SelectionSet is not null)
        {
            VisitSelectionSet(field.SelectionSet, fieldType is not null && IsComposite(fieldType) ? fieldType : null, owner);
        }
    }

    private FieldDefinition? GetFieldDefinition(NamedType parentType, string name)
    {
        if (name == "__typename")
        {
            return IsComposite(parentType) ? _schema.Introspection.TypeNameField : null;
        }

        if (parentType == _schema.Query)
        {
            if (name == "__schema")
            {
                return _schema.Introspection.SchemaField;
            }

            if (name == "__type")
            {
                return _schema.Introspection.TypeField;
            }
        }

        return (parentType as ComplexType)?.GetField(name);
    }

    private void ValidateArguments(
        IReadOnlyList<ArgumentNode> arguments, IReadOnlyList<InputValueDefinition>? definitions, SyntaxNode owner, Func<string, string> unknownMessage)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            for (var j = 0; j < i; j++)
            {
                if (arguments[j].Name.Value == argument.Name.Value)
                {
                    Report($"There can be only one argument named \"{argument.Name.Value}\".", arguments[j].Name, argument.Name);
                    break;
                }
            }

            InputValueDefinition? definition = null;
            if (definitions is not null)
            {
                foreach (var d in definitions)
                {
                    if (d.Name == argument.Name.Value)
                    {
                        definition = d;
                        break;
                    }
                }

                if (definition is null)
                {
                    Report(unknownMessage(argument.Name.Value), argument);
                }
            }

            ValidateValue(argument.Value, definition?.Type, owner, definition?.HasDefaultValue == true);
        }
    }

    private void ValidateDirectives(IReadOnlyList<DirectiveNode> directives, DirectiveLocation location, SyntaxNode owner)
    {
        for (var i = 0; i < directives.Count; i++)
        {
            var directive = directives[i];
            var name = directive.Name.Value;
            var definition = _schema.GetDirective(name);
            if (definition is null)
            {
                Report($"Unknown directive \"@{name}\".", directive);
                ValidateArguments(directive.Arguments, null, owner, _ => string.Empty);
                continue;
            }

            if (!definition.Locations.Contains(location))
            {
                Report($"Directive \"@{name}\" may not be used on {LocationName(location)}.", directive);
            }

            if (!definition.IsRepeatable)
            {
                for (var j = 0; j < i; j++)
                {
                    if (directives[j].Name.Value == name)
                    {
                        Report($"The directive \"@{name}\" can only be used once at this location.", directives[j], directive);
                        break;
                    }
                }
            }

            ValidateArguments(directive.Arguments, definition.Arguments, owner, argumentName => $"Unknown argument \"{argumentName}\" on directive \"@{name}\".");
            foreach (var argument in definition.Arguments)
            {
                if (argument.Type is NonNullType && !argument.HasDefaultValue && !directive.Arguments.Any(a => a.Name.Value == argument.Name))
                {
                    Report($"Directive \"@{name}\" argument \"{argument.Name}\" of type \"{argument.Type}\" is required, but it was not provided.", directive);
                }
            }
        }
    }

    private List<string> Spreads(SyntaxNode owner)
    {
        if (!_spreads.TryGetValue(owner, out var list))
        {
            list = [];
            _spreads.Add(owner, list);
        }

        return list;
    }

    private static NamedTypeNode NamedOf(TypeNode type) => type switch
    {
        NamedTypeNode n => n,
        ListTypeNode l => NamedOf(l.Type),
        NonNullTypeNode nn => NamedOf(nn.Type),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static bool IsComposite(NamedType type) => type is ObjectType or InterfaceType or UnionType;

    private static string LocationName(DirectiveLocation location)
    {
        var name = location.ToString();
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToUpperInvariant(name[i]));
        }

        return sb.ToString();
    }

    private void Report(string message, params SyntaxNode[] nodes)
    {
        var locations = new SourceLocation[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            locations[i] = _source.GetLocation(nodes[i].Start);
        }

        _errors.Add(new GraphQLError(message, locations, null, ErrorCodes.ValidationFailed));
    }
}
