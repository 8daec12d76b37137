using Distill.GraphQL.Language;
using Distill.GraphQL.Validation;

namespace Distill.GraphQL.Execution;

/// <summary>The document cache: parse and validate a document once per text, and select its operation.</summary>
public sealed partial class GraphQLExecutor
{
    /// <summary>Parses and validates a document (or takes it from the cache); throws when the deadline passes, and then caches nothing.</summary>
    private PreparedDocument Prepare(string text, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var prepared = new PreparedDocument(text);
        try
        {
            DocumentNode document;
            using (GraphQLTelemetry.Source.StartActivity("graphql.parse"))
            {
                document = Parser.Parse(text, Options.MaxTokens);
            }

            prepared.Document = document;
            List<GraphQLError> validationErrors;
            using (GraphQLTelemetry.Source.StartActivity("graphql.validate"))
            {
                validationErrors = DocumentValidator.Validate(Schema, document, prepared.Source, cancellationToken);
            }

            if (validationErrors.Count > 0)
            {
                prepared.Errors = validationErrors;
            }

            foreach (var definition in document.Definitions)
            {
                if (definition is FragmentDefinitionNode fragment)
                {
                    prepared.Fragments.TryAdd(fragment.Name.Value, fragment);
                }
            }

            prepared.HasVariableDirectives = DocumentValidator.HasVariableDirectives(document);
        }
        catch (GraphQLSyntaxException ex)
        {
            prepared.Errors = [new GraphQLError(ex.Message, [prepared.Source.GetLocation(ex.Offset)], null, ex.Code)];
        }

        if (_cache.Count >= Options.DocumentCacheSize)
        {
            _cache.Clear();
        }

        _cache.TryAdd(text, prepared);
        return prepared;
    }

    private static OperationDefinitionNode? SelectOperation(DocumentNode document, string? name, out string? error)
    {
        OperationDefinitionNode? found = null;
        var count = 0;
        foreach (var definition in document.Definitions)
        {
            if (definition is not OperationDefinitionNode op)
            {
                continue;
            }

            count++;
            if (name is null)
            {
                found ??= op;
            }
            else if (op.Name?.Value == name)
            {
                found = op;
            }
        }

        error = null;
        if (name is null && count > 1)
        {
            error = "Must provide operation name if query contains multiple operations.";
            return null;
        }

        if (found is null)
        {
            error = name is null ? "Must provide an operation." : $"Unknown operation named \"{name}\".";
        }

        return found;
    }
}
