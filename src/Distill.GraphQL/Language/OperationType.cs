namespace Distill.GraphQL.Language;

/// <summary>The three GraphQL operation types.</summary>
public enum OperationType
{
    Query,
    Mutation,
    Subscription,
}
