using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Sqlite.Sources;

/// <summary>
/// Reads cited records back from the SQLite store in their contract form: dictionary ids turned back into
/// strings, Unix milliseconds into UTC times, enum bytes into enums. One prepared statement per record type,
/// rebound per key, on a reading connection of its own.
/// </summary>
internal sealed class SqliteSourceRecordReader(SqliteStoreOptions options) : ISourceRecordReader
{
    private const string AccountSql = """
        SELECT a.created_at, a.email_domain, a.email_hash, a.display_name, a.org_name, a.access_pathway, a.country, a.status
        FROM accounts a JOIN account_keys k ON k.id = a.account WHERE k.value = $account
        """;

    private const string PaymentSql = """
        SELECT p.kind, p.bin, p.issuer_country, p.first_seen
        FROM payments p JOIN account_keys k ON k.id = p.account WHERE k.value = $account AND p.instrument = $instrument
        """;

    private const string SessionSql = """
        SELECT s.seen_at, s.asn, s.asn_org, s.ip_type
        FROM sessions s JOIN account_keys k ON k.id = s.account JOIN ips i ON i.id = s.ip
        WHERE k.value = $account AND i.value = $ip ORDER BY s.seen_at
        """;

    private const string RequestSql = """
        SELECT r.request_id, k.value, r.ts, m.value, c.value, f.value, i.value, cl.value, r.input_tokens, r.output_tokens
        FROM requests r JOIN account_keys k ON k.id = r.account JOIN models m ON m.id = r.model
        LEFT JOIN capabilities c ON c.id = r.capability LEFT JOIN prompt_fingerprints f ON f.id = r.prompt_fingerprint
        LEFT JOIN ips i ON i.id = r.ip LEFT JOIN clients cl ON cl.id = r.client
        WHERE r.id = $id
        """;

    public Task<SourceRecords> ReadAsync(SourceRecordRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var connection = SqliteConnections.Open(options, forReading: true);
        var accounts = new List<AccountRecord>(request.Accounts.Count);
        using (var cmd = Prepare(connection, AccountSql, "$account"))
        {
            foreach (var id in request.Accounts)
            {
                ct.ThrowIfCancellationRequested();
                cmd.Parameters[0].Value = id;
                using var r = cmd.ExecuteReader();
                if (r.Read())
                {
                    accounts.Add(new AccountRecord(id, Time(r.GetInt64(0)), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4),
                        (AccessPathway)r.GetInt64(5), Text(r, 6), r.IsDBNull(7) ? null : (AccountStatus)r.GetInt64(7)));
                }
            }
        }

        var payments = new List<PaymentRecord>(request.Payments.Count);
        using (var cmd = Prepare(connection, PaymentSql, "$account", "$instrument"))
        {
            foreach (var (account, instrument) in request.Payments)
            {
                cmd.Parameters[0].Value = account;
                cmd.Parameters[1].Value = instrument;
                using var r = cmd.ExecuteReader();
                if (r.Read())
                {
                    payments.Add(new PaymentRecord(account, instrument, r.IsDBNull(0) ? null : (PaymentKind)r.GetInt64(0), Text(r, 1), Text(r, 2), Time(r.GetInt64(3))));
                }
            }
        }

        var sessions = new List<SessionRecord>();
        using (var cmd = Prepare(connection, SessionSql, "$account", "$ip"))
        {
            foreach (var (account, ip) in request.Sessions)
            {
                ct.ThrowIfCancellationRequested();
                cmd.Parameters[0].Value = account;
                cmd.Parameters[1].Value = ip;
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    sessions.Add(new SessionRecord(account, ip, Time(r.GetInt64(0)), r.IsDBNull(1) ? null : r.GetInt64(1), Text(r, 2),
                        r.IsDBNull(3) ? null : (IpType)r.GetInt64(3)));
                }
            }
        }

        var requests = new List<RequestRecord>(request.RequestRowIds.Count);
        using (var cmd = Prepare(connection, RequestSql, "$id"))
        {
            foreach (var id in request.RequestRowIds)
            {
                ct.ThrowIfCancellationRequested();
                cmd.Parameters[0].Value = id;
                using var r = cmd.ExecuteReader();
                if (r.Read())
                {
                    requests.Add(new RequestRecord(r.GetString(0), r.GetString(1), Time(r.GetInt64(2)), r.GetString(3), Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7),
                        r.IsDBNull(8) ? null : r.GetInt64(8), r.IsDBNull(9) ? null : r.GetInt64(9)));
                }
            }
        }

        return Task.FromResult(new SourceRecords(accounts, payments, sessions, requests));
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var name in names)
        {
            cmd.Parameters.Add(new SqliteParameter(name, SqliteType.Text));
        }

        cmd.Prepare();
        return cmd;
    }

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
