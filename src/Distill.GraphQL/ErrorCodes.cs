namespace Distill.GraphQL;

/// <summary>The values this engine puts in <c>extensions.code</c> of a GraphQL error.</summary>
public static class ErrorCodes
{
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string OperationNotFound = "OPERATION_RESOLUTION_FAILURE";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
    public const string Forbidden = "FORBIDDEN";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string MaxTokensExceeded = "MAX_TOKENS_EXCEEDED";
    public const string MaxDepthExceeded = "MAX_DEPTH_EXCEEDED";
    public const string MaxCostExceeded = "MAX_COST_EXCEEDED";
    public const string Timeout = "TIMEOUT";
    public const string NotFound = "NOT_FOUND";
    public const string ResponseTooLarge = "RESPONSE_TOO_LARGE";
    public const string SubscriptionLimit = "SUBSCRIPTION_LIMIT";
}
