namespace Distill.GraphQL.Language;

/// <summary>Recursive-descent parser for executable GraphQL documents (October 2021 grammar).</summary>
internal sealed class Parser
{
    private static readonly HashSet<string> TypeSystemKeywords =
        ["schema", "scalar", "type", "interface", "union", "enum", "input", "directive", "extend"];

    private readonly Lexer _lexer;

    private Parser(string source, int maxTokens)
    {
        _lexer = new Lexer(source, maxTokens);
        _lexer.Advance();
    }

    /// <summary>Parses a whole document; throws <see cref="GraphQLSyntaxException"/> with the offending offset.</summary>
    public static DocumentNode Parse(string source, int maxTokens = int.MaxValue)
    {
        var parser = new Parser(source, maxTokens);
        return parser.ParseDocument();
    }

    /// <summary>Parses a single value literal (used for default values given as text).</summary>
    public static ValueNode ParseValue(string source)
    {
        var parser = new Parser(source, int.MaxValue);
        var value = parser.ParseValueLiteral(isConst: false);
        parser.Expect(TokenKind.EndOfFile);
        return value;
    }

    /// <summary>Parses a type reference such as <c>[String!]!</c>.</summary>
    public static TypeNode ParseType(string source)
    {
        var parser = new Parser(source, int.MaxValue);
        var type = parser.ParseTypeReference();
        parser.Expect(TokenKind.EndOfFile);
        return type;
    }

    private DocumentNode ParseDocument()
    {
        var definitions = new List<DefinitionNode>();
        do
        {
            definitions.Add(ParseDefinition());
        }
        while (_lexer.Kind != TokenKind.EndOfFile);

        return new DocumentNode(definitions.ToArray(), _lexer.TokenCount);
    }

    private DefinitionNode ParseDefinition()
    {
        if (_lexer.Kind == TokenKind.BraceL)
        {
            var start = _lexer.Start;
            return new OperationDefinitionNode(start, OperationType.Query, null, [], [], ParseSelectionSet());
        }

        if (_lexer.Kind is TokenKind.String or TokenKind.BlockString)
        {
            // A description can only start a type-system definition.
            return ParseTypeSystemDefinition();
        }

        if (_lexer.Kind == TokenKind.Name)
        {
            switch (_lexer.Value)
            {
                case "query":
                case "mutation":
                case "subscription":
                    return ParseOperationDefinition();
                case "fragment":
                    return ParseFragmentDefinition();
                default:
                    if (TypeSystemKeywords.Contains(_lexer.Value))
                    {
                        return ParseTypeSystemDefinition();
                    }

                    break;
            }
        }

        throw Unexpected();
    }

    /// <summary>
    /// Skips a type-system definition (balanced brackets) so validation can report it as not executable,
    /// the way graphql-js does, instead of failing with a syntax error.
    /// </summary>
    private TypeSystemDefinitionNode ParseTypeSystemDefinition()
    {
        var start = _lexer.Start;
        if (_lexer.Kind is TokenKind.String or TokenKind.BlockString)
        {
            _lexer.Advance();
        }

        if (_lexer.Kind != TokenKind.Name || !TypeSystemKeywords.Contains(_lexer.Value))
        {
            throw Unexpected();
        }

        var keyword = _lexer.Value;
        _lexer.Advance();
        if (keyword == "extend" && _lexer.Kind == TokenKind.Name)
        {
            keyword = "extend " + _lexer.Value;
            _lexer.Advance();
        }

        string? name = null;
        if (_lexer.Kind == TokenKind.At && keyword == "directive")
        {
            _lexer.Advance();
        }

        if (_lexer.Kind == TokenKind.Name)
        {
            name = _lexer.Value;
        }

        // Scalars, unions and directives have no braced body, so a "{" after them starts the next (shorthand) query.
        var hasBody = keyword is not ("scalar" or "union" or "directive" or "extend scalar" or "extend union");
        var depth = 0;
        while (_lexer.Kind != TokenKind.EndOfFile)
        {
            switch (_lexer.Kind)
            {
                case TokenKind.BraceL when depth == 0 && !hasBody:
                    return new TypeSystemDefinitionNode(start, keyword, name);
                case TokenKind.BraceL or TokenKind.ParenL or TokenKind.BracketL:
                    depth++;
                    break;
                case TokenKind.BraceR or TokenKind.ParenR or TokenKind.BracketR:
                    depth--;
                    if (depth == 0 && _lexer.Kind == TokenKind.BraceR)
                    {
                        _lexer.Advance();
                        return new TypeSystemDefinitionNode(start, keyword, name);
                    }

                    break;
                case TokenKind.Name when depth == 0 && IsDefinitionStart(_lexer.Value):
                    return new TypeSystemDefinitionNode(start, keyword, name);
                case TokenKind.String or TokenKind.BlockString when depth == 0:
                    return new TypeSystemDefinitionNode(start, keyword, name);
                default:
                    break;
            }

            _lexer.Advance();
        }

        return new TypeSystemDefinitionNode(start, keyword, name);
    }

    private static bool IsDefinitionStart(string name) =>
        name is "query" or "mutation" or "subscription" or "fragment" || TypeSystemKeywords.Contains(name);

    private OperationDefinitionNode ParseOperationDefinition()
    {
        var start = _lexer.Start;
        var operation = _lexer.Value switch
        {
            "query" => OperationType.Query,
            "mutation" => OperationType.Mutation,
            _ => OperationType.Subscription,
        };
        _lexer.Advance();
        NameNode? name = _lexer.Kind == TokenKind.Name ? ParseName() : null;
        var variables = ParseVariableDefinitions();
        var directives = ParseDirectives(isConst: false);
        return new OperationDefinitionNode(start, operation, name, variables, directives, ParseSelectionSet());
    }

    private VariableDefinitionNode[] ParseVariableDefinitions()
    {
        if (_lexer.Kind != TokenKind.ParenL)
        {
            return [];
        }

        _lexer.Advance();
        var list = new List<VariableDefinitionNode>();
        do
        {
            var start = _lexer.Start;
            var variable = ParseVariable();
            Expect(TokenKind.Colon);
            var type = ParseTypeReference();
            ValueNode? defaultValue = null;
            if (_lexer.Kind == TokenKind.Equals)
            {
                _lexer.Advance();
                defaultValue = ParseValueLiteral(isConst: true);
            }

            var directives = ParseDirectives(isConst: true);
            list.Add(new VariableDefinitionNode(start, variable, type, defaultValue, directives));
        }
        while (_lexer.Kind != TokenKind.ParenR);

        _lexer.Advance();
        return list.ToArray();
    }

    private VariableNode ParseVariable()
    {
        var start = _lexer.Start;
        Expect(TokenKind.Dollar);
        return new VariableNode(start, ParseName());
    }

    private SelectionSetNode ParseSelectionSet()
    {
        var start = _lexer.Start;
        Expect(TokenKind.BraceL);
        var selections = new List<SelectionNode>();
        do
        {
            selections.Add(ParseSelection());
        }
        while (_lexer.Kind != TokenKind.BraceR);

        _lexer.Advance();
        return new SelectionSetNode(start, selections.ToArray());
    }

    private SelectionNode ParseSelection() =>
        _lexer.Kind == TokenKind.Spread ? ParseFragment() : ParseField();

    private FieldNode ParseField()
    {
        var start = _lexer.Start;
        var nameOrAlias = ParseName();
        NameNode? alias = null;
        NameNode name;
        if (_lexer.Kind == TokenKind.Colon)
        {
            _lexer.Advance();
            alias = nameOrAlias;
            name = ParseName();
        }
        else
        {
            name = nameOrAlias;
        }

        var arguments = ParseArguments(isConst: false);
        var directives = ParseDirectives(isConst: false);
        var selectionSet = _lexer.Kind == TokenKind.BraceL ? ParseSelectionSet() : null;
        return new FieldNode(start, alias, name, arguments, directives, selectionSet);
    }

    private ArgumentNode[] ParseArguments(bool isConst)
    {
        if (_lexer.Kind != TokenKind.ParenL)
        {
            return [];
        }

        _lexer.Advance();
        var list = new List<ArgumentNode>();
        do
        {
            var start = _lexer.Start;
            var name = ParseName();
            Expect(TokenKind.Colon);
            list.Add(new ArgumentNode(start, name, ParseValueLiteral(isConst)));
        }
        while (_lexer.Kind != TokenKind.ParenR);

        _lexer.Advance();
        return list.ToArray();
    }

    private SelectionNode ParseFragment()
    {
        var start = _lexer.Start;
        Expect(TokenKind.Spread);
        var hasTypeCondition = _lexer.Kind == TokenKind.Name && _lexer.Value == "on";
        if (!hasTypeCondition && _lexer.Kind == TokenKind.Name)
        {
            var name = ParseName();
            return new FragmentSpreadNode(start, name, ParseDirectives(isConst: false));
        }

        NamedTypeNode? typeCondition = null;
        if (hasTypeCondition)
        {
            _lexer.Advance();
            typeCondition = ParseNamedType();
        }

        var directives = ParseDirectives(isConst: false);
        return new InlineFragmentNode(start, typeCondition, directives, ParseSelectionSet());
    }

    private FragmentDefinitionNode ParseFragmentDefinition()
    {
        var start = _lexer.Start;
        _lexer.Advance();
        if (_lexer.Kind == TokenKind.Name && _lexer.Value == "on")
        {
            throw Unexpected();
        }

        var name = ParseName();
        ExpectKeyword("on");
        var typeCondition = ParseNamedType();
        var directives = ParseDirectives(isConst: false);
        return new FragmentDefinitionNode(start, name, typeCondition, directives, ParseSelectionSet());
    }

    private ValueNode ParseValueLiteral(bool isConst)
    {
        var start = _lexer.Start;
        switch (_lexer.Kind)
        {
            case TokenKind.BracketL:
            {
                _lexer.Advance();
                var values = new List<ValueNode>();
                while (_lexer.Kind != TokenKind.BracketR)
                {
                    values.Add(ParseValueLiteral(isConst));
                }

                _lexer.Advance();
                return new ListValueNode(start, values.ToArray());
            }

            case TokenKind.BraceL:
            {
                _lexer.Advance();
                var fields = new List<ObjectFieldNode>();
                while (_lexer.Kind != TokenKind.BraceR)
                {
                    var fieldStart = _lexer.Start;
                    var name = ParseName();
                    Expect(TokenKind.Colon);
                    fields.Add(new ObjectFieldNode(fieldStart, name, ParseValueLiteral(isConst)));
                }

                _lexer.Advance();
                return new ObjectValueNode(start, fields.ToArray());
            }

            case TokenKind.Int:
            {
                var value = _lexer.Value;
                _lexer.Advance();
                return new IntValueNode(start, value);
            }

            case TokenKind.Float:
            {
                var value = _lexer.Value;
                _lexer.Advance();
                return new FloatValueNode(start, value);
            }

            case TokenKind.String:
            case TokenKind.BlockString:
            {
                var value = _lexer.Value;
                var block = _lexer.Kind == TokenKind.BlockString;
                _lexer.Advance();
                return new StringValueNode(start, value, block);
            }

            case TokenKind.Name:
            {
                var value = _lexer.Value;
                _lexer.Advance();
                return value switch
                {
                    "true" => new BooleanValueNode(start, true),
                    "false" => new BooleanValueNode(start, false),
                    "null" => new NullValueNode(start),
                    _ => new EnumValueNode(start, value),
                };
            }

            case TokenKind.Dollar when !isConst:
                return ParseVariable();
            case TokenKind.Dollar:
                _lexer.Advance();
                if (_lexer.Kind == TokenKind.Name)
                {
                    throw new GraphQLSyntaxException($"Syntax Error: Unexpected variable \"${_lexer.Value}\" in constant value.", start, ErrorCodes.ParseFailed);
                }

                throw Unexpected();
            default:
                throw Unexpected();
        }
    }

    private DirectiveNode[] ParseDirectives(bool isConst)
    {
        if (_lexer.Kind != TokenKind.At)
        {
            return [];
        }

        var list = new List<DirectiveNode>();
        while (_lexer.Kind == TokenKind.At)
        {
            var start = _lexer.Start;
            _lexer.Advance();
            var name = ParseName();
            list.Add(new DirectiveNode(start, name, ParseArguments(isConst)));
        }

        return list.ToArray();
    }

    private TypeNode ParseTypeReference()
    {
        var start = _lexer.Start;
        TypeNode type;
        if (_lexer.Kind == TokenKind.BracketL)
        {
            _lexer.Advance();
            var inner = ParseTypeReference();
            Expect(TokenKind.BracketR);
            type = new ListTypeNode(start, inner);
        }
        else
        {
            type = ParseNamedType();
        }

        if (_lexer.Kind == TokenKind.Bang)
        {
            _lexer.Advance();
            return new NonNullTypeNode(start, type);
        }

        return type;
    }

    private NamedTypeNode ParseNamedType()
    {
        var start = _lexer.Start;
        return new NamedTypeNode(start, ParseName());
    }

    private NameNode ParseName()
    {
        if (_lexer.Kind != TokenKind.Name)
        {
            throw Expected("Name");
        }

        var node = new NameNode(_lexer.Start, _lexer.Value);
        _lexer.Advance();
        return node;
    }

    private void Expect(TokenKind kind)
    {
        if (_lexer.Kind != kind)
        {
            throw Expected(Describe(kind));
        }

        _lexer.Advance();
    }

    private void ExpectKeyword(string keyword)
    {
        if (_lexer.Kind != TokenKind.Name || _lexer.Value != keyword)
        {
            throw Expected($"\"{keyword}\"");
        }

        _lexer.Advance();
    }

    private GraphQLSyntaxException Expected(string what) =>
        new($"Syntax Error: Expected {what}, found {DescribeCurrent()}.", _lexer.Start, ErrorCodes.ParseFailed);

    private GraphQLSyntaxException Unexpected() =>
        new($"Syntax Error: Unexpected {DescribeCurrent()}.", _lexer.Start, ErrorCodes.ParseFailed);

    private string DescribeCurrent() => _lexer.Kind switch
    {
        TokenKind.Name => $"Name \"{_lexer.Value}\"",
        TokenKind.Int => $"Int \"{_lexer.Value}\"",
        TokenKind.Float => $"Float \"{_lexer.Value}\"",
        TokenKind.String => "String",
        TokenKind.BlockString => "BlockString",
        _ => Describe(_lexer.Kind),
    };

    private static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.EndOfFile => "<EOF>",
        TokenKind.Bang => "\"!\"",
        TokenKind.Dollar => "\"$\"",
        TokenKind.Amp => "\"&\"",
        TokenKind.ParenL => "\"(\"",
        TokenKind.ParenR => "\")\"",
        TokenKind.Spread => "\"...\"",
        TokenKind.Colon => "\":\"",
        TokenKind.Equals => "\"=\"",
        TokenKind.At => "\"@\"",
        TokenKind.BracketL => "\"[\"",
        TokenKind.BracketR => "\"]\"",
        TokenKind.BraceL => "\"{\"",
        TokenKind.Pipe => "\"|\"",
        TokenKind.BraceR => "\"}\"",
        _ => kind.ToString(),
    };
}
