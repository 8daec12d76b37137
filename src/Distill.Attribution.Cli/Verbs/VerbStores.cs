using System.CommandLine;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>What a verb does with the <c>--store</c> file; checked once, before the verb runs.</summary>
internal enum StoreUse
{
    /// <summary>Only the path is used (a file named after it); the store itself is not opened.</summary>
    PathOnly,

    /// <summary>Opens the store and may create it (only <c>ingest</c> and <c>keys create</c>).</summary>
    Creates,

    /// <summary>Reads the store: a path that does not exist is a mistake (exit 2), never a new empty store.</summary>
    Reads,

    /// <summary>Reads the store unless <c>--neo4j</c> names the graph (the file then holds only the service's own records and may be new).</summary>
    ReadsUnlessNeo4j,
}

/// <summary>
/// The one place where verbs declare their store: <c>command.UsesStore(StoreUse.Reads)</c> adds <c>--store</c>
/// (and <c>--neo4j</c> when the verb can read the graph from Neo4j) and lets <see cref="Check"/> refuse a store file
/// that does not exist before the verb starts. A verb that declares nothing takes neither option.
/// </summary>
internal static class VerbStores
{
    private static readonly Dictionary<Command, (StoreUse Use, bool Neo4j)> Declared = [];

    public static Command UsesStore(this Command command, StoreUse use, bool neo4j = false)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(GlobalOptions.Store);
        if (neo4j)
        {
            command.Options.Add(GlobalOptions.Neo4j);
        }

        lock (Declared)
        {
            Declared[command] = (use, neo4j);
        }

        return command;
    }

    /// <summary>The <c>--store</c> path given after or before the verb, else the default.</summary>
    public static string StorePath(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetResult(GlobalOptions.Store) is { Implicit: false })
        {
            return parse.GetValue(GlobalOptions.Store) ?? GlobalOptions.DefaultStorePath;
        }

        return parse.GetValue(GlobalOptions.RootStore) ?? GlobalOptions.DefaultStorePath;
    }

    /// <summary>The <c>--neo4j</c> URI given after or before the verb, or null.</summary>
    public static string? Neo4jUri(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var uri = parse.GetValue(GlobalOptions.Neo4j) ?? parse.GetValue(GlobalOptions.RootNeo4j);
        return string.IsNullOrEmpty(uri) ? null : uri;
    }

    /// <summary>Why the command line cannot run as given (a usage error, exit 2), or null when it can.</summary>
    public static string? Check(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        if (command.Action is null || !ReferenceEquals(parse.Action, command.Action))
        {
            return null; // --help, --version or a group such as `keys`: nothing is opened.
        }

        (StoreUse Use, bool Neo4j) declared;
        bool known;
        lock (Declared)
        {
            known = Declared.TryGetValue(command, out declared);
        }

        var verb = VerbName(parse);
        if (!known)
        {
            if (parse.GetResult(GlobalOptions.RootStore) is { Implicit: false })
            {
                return $"--store does not apply to `{verb}` (it uses no store)";
            }

            return parse.GetResult(GlobalOptions.RootNeo4j) is { Implicit: false } ? $"--neo4j does not apply to `{verb}` (it uses no store)" : null;
        }

        if (!declared.Neo4j && parse.GetResult(GlobalOptions.RootNeo4j) is { Implicit: false })
        {
            return $"--neo4j does not apply to `{verb}` (it uses only the --store file)";
        }

        var mustExist = declared.Use == StoreUse.Reads || (declared.Use == StoreUse.ReadsUnlessNeo4j && Neo4jUri(parse) is null);
        var path = StorePath(parse);
        return mustExist && !File.Exists(path)
            ? $"no store at '{ConsoleText.Safe(path)}': `{verb}` reads an existing store (check --store; `distill ingest` creates one)"
            : null;
    }

    internal static string VerbName(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null && result.Parent is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command.Name);
        }

        names.Reverse();
        return names.Count == 0 ? parse.CommandResult.Command.Name : string.Join(' ', names);
    }
}
