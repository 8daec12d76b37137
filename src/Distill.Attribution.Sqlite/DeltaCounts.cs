namespace Distill.Attribution.Sqlite;

/// <summary>What a delta read added (request rows, accounts, dictionary strings) and where its time went.</summary>
internal readonly record struct DeltaCounts(int Requests, int Accounts, int Names)
{
    /// <summary>Checks, new dictionary rows and the new request rows.</summary>
    public TimeSpan NewRows { get; init; }

    /// <summary>Accounts, payments, sessions, releases and indicators, read whole; the dense ids.</summary>
    public TimeSpan SmallTables { get; init; }

    /// <summary>The new request columns (the kept rows moved, the new ones placed, late ones sorted, the window cut).</summary>
    public TimeSpan Merge { get; init; }

    /// <summary>The store's input hash (the small tables hashed again).</summary>
    public TimeSpan InputHash { get; init; }
}
