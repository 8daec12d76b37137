namespace Distill.Attribution.Sqlite;

/// <summary>What a delta read added: request rows, accounts and dictionary strings.</summary>
internal readonly record struct DeltaCounts(int Requests, int Accounts, int Names);
