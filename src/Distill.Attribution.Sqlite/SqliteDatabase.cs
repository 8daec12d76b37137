using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// A small pool of connections to the store file for the API's stores (access, cases, read model), migrated on
/// first use. Connections are not thread-safe, so each call borrows one; the pool keeps a few open because opening
/// a connection (file, pragmas) costs more than a small query.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private const int MaxIdle = 8;
    private readonly Stack<SqliteConnection> _idle = new();
    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly Action<SqliteConnection> _prepare;
    private volatile bool _migrated;

    public SqliteDatabase(SqliteStoreOptions options)
        : this(options, options?.Path!, c => SqliteMigrator.Apply(c))
    {
    }

    /// <summary>A pool of connections to another file of the store (<paramref name="prepare"/> runs once, on the first connection).</summary>
    internal SqliteDatabase(SqliteStoreOptions options, string path, Action<SqliteConnection> prepare)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _path = path;
        _prepare = prepare;
    }

    public SqliteStoreOptions Options { get; }

    /// <summary>Runs <paramref name="work"/> on a pooled connection.</summary>
    public T Use<T>(Func<SqliteConnection, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var connection = Rent();
        try
        {
            return work(connection);
        }
        finally
        {
            Return(connection);
        }
    }

    /// <summary>Migrations the code knows and the store has applied (for readiness).</summary>
    public (int Known, int Applied) MigrationState() => Use(c =>
    {
        using var command = c.CreateCommand();
        command.CommandText = "SELECT count(*) FROM schema_migrations";
        return (SqliteMigrator.Embedded().Count, Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    });

    public void Dispose()
    {
        lock (_gate)
        {
            while (_idle.Count > 0)
            {
                _idle.Pop().Dispose();
            }
        }
    }

    private SqliteConnection Rent()
    {
        lock (_gate)
        {
            if (_idle.Count > 0)
            {
                return _idle.Pop();
            }
        }

        var connection = SqliteConnections.Open(_path, Options, forReading: false);
        if (!_migrated)
        {
            try
            {
                _prepare(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            _migrated = true;
        }

        return connection;
    }

    private void Return(SqliteConnection connection)
    {
        lock (_gate)
        {
            if (_idle.Count < MaxIdle)
            {
                _idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }
}
