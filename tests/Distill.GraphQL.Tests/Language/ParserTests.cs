using Distill.GraphQL.Language;

namespace Distill.GraphQL.Tests.Language;

public sealed class ParserTests
{
    private const string KitchenSink = """"
        # comment, commas and a BOM are ignored
        query queryName($foo: ComplexType, $site: Site = MOBILE, $list: [Int!]! = [1, 2]) @onQuery {
          whoever123is: node(id: [123, 456]) {
            id ,
            ... on User @onInlineFragment {
              field2 {
                id
                alias: field1(first: 10, after: $foo) @include(if: $foo) {
                  id
                  ...frag @onFragmentSpread
                }
              }
            }
            ... @skip(unless: $foo) {
              id
            }
            ... {
              id
            }
          }
        }

        mutation likeStory @onMutation {
          like(story: 123) @onField {
            story {
              id @onField
            }
          }
        }

        subscription StoryLikeSubscription($input: StoryLikeSubscribeInput @onVariableDefinition) @onSubscription {
          storyLikeSubscribe(input: $input) {
            story {
              likers {
                count
              }
            }
          }
        }

        fragment frag on Friend @onFragmentDefinition {
          foo(size: $size, bar: $b, obj: {key: "value", block: """
              block string uses \"""
          """})
        }

        {
          unnamed(truthy: true, falsy: false, nullish: null, float: -1.5e10, enum: RED)
          query
        }
        """";

    [Test]
    public void ShouldParseTheKitchenSinkDocument()
    {
        var document = Parser.Parse("\uFEFF" + KitchenSink);

        Assert.That(document.Definitions, Has.Count.EqualTo(5));
        var query = (OperationDefinitionNode)document.Definitions[0];
        Assert.That(query.Name!.Value, Is.EqualTo("queryName"));
        Assert.That(query.VariableDefinitions.Select(v => Printer.PrintType(v.Type)), Is.EqualTo(new[] { "ComplexType", "Site", "[Int!]!" }));
        var fragment = (FragmentDefinitionNode)document.Definitions[3];
        Assert.That(fragment.TypeCondition.Name.Value, Is.EqualTo("Friend"));
        Assert.That(((OperationDefinitionNode)document.Definitions[4]).Operation, Is.EqualTo(OperationType.Query));
    }

    [Test]
    public void ShouldPrintADocumentThatParsesBackToTheSameText()
    {
        var printed = Printer.Print(Parser.Parse(KitchenSink));

        Assert.That(Printer.Print(Parser.Parse(printed)), Is.EqualTo(printed));
        Assert.That(printed, Does.Contain("whoever123is: node(id: [123, 456]) {"));
        Assert.That(printed, Does.Contain("query queryName($foo: ComplexType, $site: Site = MOBILE, $list: [Int!]! = [1, 2]) @onQuery {"));
    }

    [Test]
    public void ShouldPrintAnonymousQueriesAsShorthand()
    {
        Assert.That(Printer.Print(Parser.Parse("query { a(x: \"q\\\"\") }")), Is.EqualTo("{\n  a(x: \"q\\\"\")\n}"));
    }

    [TestCase("{ a(s: \"\\u00e9\\u{1F600}\\uD83D\\uDE00\") }", "é😀😀")]
    [TestCase("{ a(s: \"tab\\t nl\\n quote\\\" slash\\/ back\\\\\") }", "tab\t nl\n quote\" slash/ back\\")]
    [TestCase("{ a(s: \"\"\"\n    first\n      indented\n    last\n  \"\"\") }", "first\n  indented\nlast")]
    [TestCase("{ a(s: \"\"\"  \n\n  x \\\"\"\" y\n\n\"\"\") }", "x \"\"\" y")]
    public void ShouldDecodeStringValues(string source, string expected)
    {
        var field = (FieldNode)((OperationDefinitionNode)Parser.Parse(source).Definitions[0]).SelectionSet.Selections[0];

        Assert.That(((StringValueNode)field.Arguments[0].Value).Value, Is.EqualTo(expected));
    }

    [TestCase("{ a", 1, 4, "Syntax Error: Expected Name, found <EOF>.")]
    [TestCase("query {\n  a(x: 00)\n}", 2, 9, "Syntax Error: Invalid number, unexpected digit after 0: \"0\".")]
    [TestCase("{ a(x: 1.) }", 1, 10, "Syntax Error: Invalid number, expected digit but got: \")\".")]
    [TestCase("{ a(x: 0x1) }", 1, 9, "Syntax Error: Invalid number, expected digit but got: \"x\".")]
    [TestCase("{ a(x: \"abc) }", 1, 15, "Syntax Error: Unterminated string.")]
    [TestCase("{ a(x: \"\\q\") }", 1, 9, "Syntax Error: Invalid character escape sequence: \"\\q\".")]
    [TestCase("{ a(x: \"\\uD800\") }", 1, 9, "Syntax Error: Invalid Unicode escape sequence: \"\\uD800\".")]
    [TestCase("{ a(x: \"\\u{110000}\") }", 1, 9, "Syntax Error: Invalid Unicode escape sequence: \"\\u{110000}\".")]
    [TestCase("{ a(x: \"\\u{eeeeeeee}\") }", 1, 9, "Syntax Error: Invalid Unicode escape sequence: \"\\u{eeeeeeee}\".")]
    [TestCase("{ a ? }", 1, 5, "Syntax Error: Unexpected character: \"?\".")]
    [TestCase("{ ..a }", 1, 3, "Syntax Error: Unexpected \".\".")]
    [TestCase("fragment on on T { a }", 1, 10, "Syntax Error: Unexpected Name \"on\".")]
    [TestCase("query Q($a: Int = $b) { a }", 1, 19, "Syntax Error: Unexpected variable \"$b\" in constant value.")]
    [TestCase("{}", 1, 2, "Syntax Error: Expected Name, found \"}\".")]
    [TestCase("notAKeyword { a }", 1, 1, "Syntax Error: Unexpected Name \"notAKeyword\".")]
    public void ShouldReportSyntaxErrorsWithLineAndColumn(string source, int line, int column, string message)
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source))!;
        var location = new SourceText(source).GetLocation(error.Offset);

        Assert.That(error.Message, Is.EqualTo(message));
        Assert.That(location, Is.EqualTo(new SourceLocation(line, column)));
    }

    [Test]
    public void ShouldStopParsingWhenTheTokenLimitIsExceeded()
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse("{ a b c d e f }", maxTokens: 5))!;

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.MaxTokensExceeded));
    }

    [TestCase("{ a(x: ", "[", "]", " ) }")]
    [TestCase("{ a(x: ", "{b: ", "}", " ) }")]
    [TestCase("", "{ a ", "}", "")]
    [TestCase("query Q($v: ", "[", "]", "Int) { a }")]
    public void ShouldRejectHostileNestingInsteadOfOverflowingTheStack(string prefix, string open, string close, string suffix)
    {
        var source = prefix + string.Concat(Enumerable.Repeat(open, 10_000)) + "1" + string.Concat(Enumerable.Repeat(close, 10_000)) + suffix;

        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source))!;

        Assert.That(error.Message, Is.EqualTo("Syntax Error: Document nesting exceeds the maximum of 200 levels."));
    }

    [Test]
    public void ShouldAcceptNestingUpToTheLimit()
    {
        var source = "{ a(x: " + new string('[', 199) + "1" + new string(']', 199) + ") }";

        Assert.That(() => Parser.Parse(source), Throws.Nothing);
    }

    [Test]
    public void ShouldKeepTypeSystemDefinitionsSoValidationCanRejectThem()
    {
        var document = Parser.Parse("type Foo { a: String }\n\"described\" scalar Bar\n{ a }");

        Assert.That(document.Definitions.Select(d => d.GetType().Name),
            Is.EqualTo(new[] { nameof(TypeSystemDefinitionNode), nameof(TypeSystemDefinitionNode), nameof(OperationDefinitionNode) }));
    }

    [Test]
    public void ShouldTrackLinesAcrossAllLineTerminators()
    {
        var source = new SourceText("a\r\nb\rc\nd");

        Assert.That(source.GetLocation(7), Is.EqualTo(new SourceLocation(4, 1)));
        Assert.That(source.GetLocation(3), Is.EqualTo(new SourceLocation(2, 1)));
    }
}
