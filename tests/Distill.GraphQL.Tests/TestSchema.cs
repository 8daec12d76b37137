using Distill.GraphQL.Execution;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Tests;

/// <summary>
/// A small library schema exercising every kind of type: interface Node, union SearchResult, enums, input objects,
/// async resolvers, a data loader, errors, non-null fields that fail, and a serial mutation log.
/// </summary>
internal sealed class TestSchema
{
    public TestSchema()
    {
        Authors =
        [
            new Author("au1", "Ada", Genre.Science),
            new Author("au2", "Brontë", Genre.Fiction),
            new Author("au3", "Cervantes", Genre.Fiction),
        ];
        Books =
        [
            new Book("b1", "Notes", "au1", 1843, [4, 5]),
            new Book("b2", "Jane Eyre", "au2", 1847, [5]),
            new Book("b3", "Quixote", "au3", 1605, []),
            new Book("b4", "Sketches", "au1", 1842, [3]),
        ];
        Schema = Build();
    }

    public Author[] Authors { get; }

    public Book[] Books { get; }

    public Schema Schema { get; }

    /// <summary>Keys passed to each call of the authors data loader.</summary>
    public List<IReadOnlyList<string>> AuthorBatches { get; } = [];

    /// <summary>Order in which mutation resolvers started and finished.</summary>
    public List<string> MutationLog { get; } = [];

    public GraphQLExecutor Executor(GraphQLExecutionOptions? options = null) => new(Schema, options);

    private Schema Build()
    {
        var builder = new SchemaBuilder { Description = "A small library." };
        var node = builder.Interface("Node", "An object with a global id.");
        node.Field("id").Type(Types.NonNull(Types.ID));

        var genre = builder.Enum<Genre>("Genre", "Kinds of books.");
        var author = builder.Object<Author>("Author");
        author.Implements(node);
        author.Field("id").Type(Types.NonNull(Types.ID))
            .Field("name").Type(Types.NonNull(Types.String))
            .Field("genre").Type(genre)
            .Field("books").Type(Types.NonNullList(Types.Named("Book")))
            .ResolveFrom<Author>(a => Books.Where(b => b.AuthorId == a.Id).ToArray());

        var book = builder.Object<Book>("Book", "A book in the library.");
        book.Implements(node);
        book.Field("id").Type(Types.NonNull(Types.ID))
            .Field("title").Type(Types.NonNull(Types.String)).Description("The title as printed.")
            .Field("year").Type(Types.Int)
            .Field("ratings").Type(Types.NonNullList(Types.Int))
            .Field("isbn").Type(Types.String).Deprecated("Use identifiers.")
            .Field("author").Type(author).Resolve(async (ctx, ct) =>
            {
                var loader = ctx.DataLoader<string, Author>("authors", (ids, _) =>
                {
                    lock (AuthorBatches)
                    {
                        AuthorBatches.Add(ids);
                    }

                    return Task.FromResult<IReadOnlyDictionary<string, Author>>(Authors.Where(a => ids.Contains(a.Id)).ToDictionary(a => a.Id));
                });
                return await loader.LoadAsync(ctx.Parent<Book>().AuthorId);
            })
            .Field("secret").Type(Types.String).Resolve<string>(_ => throw new InvalidOperationException("db password is hunter2"))
            .Field("forbidden").Type(Types.String).Authorize(_ => false).Resolve(_ => "never")
            .Field("failing").Type(Types.NonNull(Types.String)).Resolve<string>(_ => throw new GraphQLException("Book cannot be read.", "BOOK_UNAVAILABLE"))
            .Field("nullNonNull").Type(Types.NonNull(Types.String)).ResolveFrom<Book>(_ => null)
            .Field("slow").Type(Types.String).Resolve(async (ctx, ct) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
                return "late";
            });

        var searchResult = builder.Union("SearchResult").Member(book).Member(author);

        var order = builder.Enum("Order").Value("TITLE").Value("YEAR").Value("OLDEST", description: "Oldest first", deprecationReason: "Use YEAR.");
        var filter = builder.InputObject("BookFilter")
            .Field("titleContains", Types.String)
            .Field("minYear", Types.Int, 0)
            .Field("genres", Types.List(Types.NonNull(genre)))
            .FieldDescription("Only books of authors with these genres.");

        builder.Query
            .Field("book").Type(book).Argument("id", Types.NonNull(Types.ID))
            .Resolve(ctx => Books.FirstOrDefault(b => b.Id == ctx.Arg<string>("id")))
            .Field("books").Type(Types.NonNullList(book))
            .Argument("first", Types.Int, 10).ArgumentDescription("How many books to return.")
            .Argument("filter", filter)
            .Argument("orderBy", order, "TITLE")
            .Resolve(ctx =>
            {
                var f = ctx.Arg<BookFilter>("filter");
                IEnumerable<Book> q = Books;
                if (f?.TitleContains is { } t)
                {
                    q = q.Where(b => b.Title.Contains(t, StringComparison.OrdinalIgnoreCase));
                }

                if (f is not null)
                {
                    q = q.Where(b => b.Year >= f.MinYear);
                }

                if (f?.Genres is { } genres)
                {
                    q = q.Where(b => genres.Contains(Authors.First(a => a.Id == b.AuthorId).Genre));
                }

                q = ctx.Arg<string>("orderBy") == "YEAR" ? q.OrderBy(b => b.Year) : q.OrderBy(b => b.Title, StringComparer.Ordinal);
                return q.Take(ctx.Arg<int>("first")).ToArray();
            })
            .Field("authors").Type(Types.NonNullList(author)).Resolve(_ => Authors)
            .Field("node").Type(node).Argument("id", Types.NonNull(Types.ID))
            .Resolve(ctx => (object?)Books.FirstOrDefault(b => b.Id == ctx.Arg<string>("id")) ?? Authors.FirstOrDefault(a => a.Id == ctx.Arg<string>("id")))
            .Field("search").Type(Types.NonNullList(searchResult)).Argument("text", Types.NonNull(Types.String))
            .Resolve(ctx => Books.Where(b => b.Title.Contains(ctx.Arg<string>("text"), StringComparison.Ordinal)).Cast<object>()
                .Concat(Authors.Where(a => a.Name.Contains(ctx.Arg<string>("text"), StringComparison.Ordinal))).ToArray())
            .Field("echoDate").Type(Types.DateTime).Argument("at", Types.DateTime).Resolve(ctx => ctx.Arguments.GetValueOrDefault("at"))
            .Field("echoLong").Type(Types.Long).Argument("value", Types.Long).Resolve(ctx => ctx.Arguments.GetValueOrDefault("value"))
            .Field("echoJson").Type(Types.Json).Argument("value", Types.Json).Resolve(ctx => ctx.Arguments.GetValueOrDefault("value"))
            .Field("echoFloat").Type(Types.Float).Argument("value", Types.Float).Resolve(ctx => ctx.Arguments.GetValueOrDefault("value"))
            .Field("echoList").Type(Types.List(Types.String)).Argument("values", Types.List(Types.String)).Resolve(ctx => ctx.Arguments.GetValueOrDefault("values"))
            .Field("whoami").Type(Types.String).Resolve(ctx => ctx.User?.Identity?.Name)
            .Field("slowBook").Type(book).Resolve(async (ctx, ct) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
                return Books[0];
            });

        var mutation = builder.MutationType();
        mutation.Field("log").Type(Types.NonNull(Types.String)).Argument("message", Types.NonNull(Types.String)).Argument("delayMs", Types.Int, 0)
            .Resolve(async (ctx, ct) =>
            {
                var message = ctx.Arg<string>("message");
                lock (MutationLog)
                {
                    MutationLog.Add("start " + message);
                }

                await Task.Delay(ctx.Arg<int>("delayMs"), ct);
                lock (MutationLog)
                {
                    MutationLog.Add("end " + message);
                }

                return message;
            });
        return builder.Build();
    }

    internal enum Genre
    {
        Fiction,
        Science,
        ShortStory,
    }

    internal sealed record Author(string Id, string Name, Genre Genre);

    internal sealed record Book(string Id, string Title, string AuthorId, int Year, int[] Ratings);

    internal sealed record BookFilter(string? TitleContains, int MinYear, Genre[]? Genres);
}
