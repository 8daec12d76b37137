using Distill.Attribution.Application.Common;
using Distill.GraphQL;
using Distill.GraphQL.Execution;
using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api.Paging;

/// <summary>Builds Relay connection types (<c>XConnection</c>, <c>XEdge</c>, shared <c>PageInfo</c>) and their arguments.</summary>
internal sealed class ConnectionTypes(SchemaBuilder builder)
{
    private readonly ObjectType _pageInfo = CreatePageInfo(builder);
    private readonly Dictionary<string, ObjectType> _connections = new(StringComparer.Ordinal);

    /// <summary>The connection type of nodes named <paramref name="nodeTypeName"/> (created once).</summary>
    public ObjectType Of(string nodeTypeName)
    {
        if (_connections.TryGetValue(nodeTypeName, out var existing))
        {
            return existing;
        }

        var edge = builder.Object<Edge>(nodeTypeName + "Edge", $"An edge to a {nodeTypeName}.");
        edge.Field("node").Type(Types.NonNull(Types.Named(nodeTypeName))).ResolveFrom<Edge>(e => e.Node)
            .Field("cursor").Type(Types.NonNull(Types.String)).ResolveFrom<Edge>(e => e.Cursor);
        var connection = builder.Object<Connection>(nodeTypeName + "Connection", $"A page of {nodeTypeName} items (Relay cursor connection).");
        connection.Field("edges").Type(Types.NonNullList(edge)).ResolveFrom<Connection>(Edges)
            .Field("nodes").Type(Types.NonNullList(Types.Named(nodeTypeName))).ResolveFrom<Connection>(c => c.Nodes)
            .Field("pageInfo").Type(Types.NonNull(_pageInfo)).ResolveFrom<Connection>(c => c)
            .Field("totalCount").Type(Types.NonNull(Types.Int)).Resolve((ctx, ct) => ctx.Parent<Connection>().TotalCount(ct));
        _connections[nodeTypeName] = connection;
        return connection;
    }

    /// <summary>Adds <c>first: Int = 20</c> and <c>after: String</c> to a list field.</summary>
    public static FieldBuilder PagingArguments(FieldBuilder field) =>
        (field ?? throw new ArgumentNullException(nameof(field))).Argument("first", Types.Int, PageLimits.DefaultFirst).ArgumentDescription($"Page size, 1 to {PageLimits.MaxFirst}.")
            .Argument("after", Types.String).ArgumentDescription("Cursor of the last item of the previous page.");

    /// <summary>Reads <c>first</c> and <c>after</c> (as an offset; -1 when the cursor is malformed).</summary>
    public static (int First, int Offset) Read(ResolverContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return (ctx.Arg<int>("first"), Cursor.OffsetAfter(ctx.Arg<string?>("after")));
    }

    /// <summary>Pages an in-memory list of an already loaded parent (nested lists), with the same checks as the use cases.</summary>
    public static Connection Slice<T>(ResolverContext ctx, IReadOnlyList<T> all)
        where T : notnull
    {
        var (first, offset) = Read(ctx);
        var problems = new List<object?>();
        if (first is < 1 or > PageLimits.MaxFirst)
        {
            problems.Add(FieldProblem("first", $"first must be between 1 and {PageLimits.MaxFirst}."));
        }

        if (offset < 0)
        {
            problems.Add(FieldProblem("after", "after is not a valid cursor."));
        }

        if (problems.Count > 0)
        {
            throw GraphQLException.BadUserInput("The input is not valid.", new Dictionary<string, object?> { ["fields"] = problems.ToArray() });
        }

        return Connection.From(Pages.Slice(all, offset, first));
    }

    internal static IReadOnlyDictionary<string, object?> FieldProblem(string field, string message) =>
        new Dictionary<string, object?> { ["field"] = field, ["message"] = message };

    private static Edge[] Edges(Connection c)
    {
        var edges = new Edge[c.Nodes.Count];
        for (var i = 0; i < edges.Length; i++)
        {
            edges[i] = new Edge(c.Nodes[i], Cursor.Encode(c.Offset + i));
        }

        return edges;
    }

    private static ObjectType CreatePageInfo(SchemaBuilder builder)
    {
        var pageInfo = builder.Object("PageInfo", "Where a page sits in its list.");
        pageInfo.Field("hasNextPage").Type(Types.NonNull(Types.Boolean)).ResolveFrom<Connection>(c => c.HasNextPage)
            .Field("hasPreviousPage").Type(Types.NonNull(Types.Boolean)).ResolveFrom<Connection>(c => c.HasPreviousPage)
            .Field("startCursor").Type(Types.String).ResolveFrom<Connection>(c => c.Nodes.Count == 0 ? null : Cursor.Encode(c.Offset))
            .Field("endCursor").Type(Types.String).ResolveFrom<Connection>(c => c.Nodes.Count == 0 ? null : Cursor.Encode(c.Offset + c.Nodes.Count - 1));
        return pageInfo;
    }
}
