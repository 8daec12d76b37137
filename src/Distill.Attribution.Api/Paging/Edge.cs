namespace Distill.Attribution.Api.Paging;

/// <summary>One edge of a connection: a node and its cursor.</summary>
internal sealed record Edge(object Node, string Cursor);
