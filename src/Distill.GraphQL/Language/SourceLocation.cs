namespace Distill.GraphQL.Language;

/// <summary>A 1-based line and column in a GraphQL document, as reported in errors.</summary>
public readonly record struct SourceLocation(int Line, int Column);
