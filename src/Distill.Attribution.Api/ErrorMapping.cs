using Distill.Attribution.Api.Paging;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Common;
using Distill.GraphQL;
using FluentValidation;

namespace Distill.Attribution.Api;

/// <summary>
/// The one place where application exceptions become GraphQL errors: forbidden → FORBIDDEN, validation → BAD_USER_INPUT
/// with the invalid fields, not found → NOT_FOUND. Anything else stays a generic INTERNAL_SERVER_ERROR.
/// </summary>
internal static class ErrorMapping
{
    public static GraphQLException? Map(Exception exception) => exception switch
    {
        ForbiddenException forbidden => GraphQLException.Forbidden(forbidden.Message),
        ValidationException validation => GraphQLException.BadUserInput(
            "The input is not valid.",
            new Dictionary<string, object?>
            {
                ["fields"] = validation.Errors
                    .Select(e => (object?)ConnectionTypes.FieldProblem(FieldName(e.PropertyName), e.ErrorMessage))
                    .ToArray(),
            }),
        NotFoundException notFound => GraphQLException.NotFound(notFound.Message),
        _ => null,
    };

    /// <summary>GraphQL argument names are camelCase; the request records' properties are PascalCase.</summary>
    private static string FieldName(string property)
    {
        if (string.IsNullOrEmpty(property))
        {
            return property;
        }

        var name = property switch
        {
            "Offset" => "after",
            "ParametersJson" => "parameters",
            _ => property,
        };
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
