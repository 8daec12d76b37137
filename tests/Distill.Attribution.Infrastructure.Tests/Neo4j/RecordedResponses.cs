namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>
/// Response bodies in the shapes Neo4j's Query API documentation shows (typed JSON answers, error
/// objects, transaction answers), written for these tests.
/// </summary>
internal static class RecordedResponses
{
    /// <summary>A node and a string column, typed JSON, with a bookmark.</summary>
    public const string NodeAndName = """
        {
          "data": {
            "fields": ["person", "name"],
            "values": [
              [
                {
                  "$type": "Node",
                  "_value": {
                    "_element_id": "4:1b2c3d4e-0000-4000-8000-000000000001:7",
                    "_labels": ["Account"],
                    "_properties": {
                      "accountId": { "$type": "String", "_value": "acct-17" },
                      "requests": { "$type": "Integer", "_value": "9007199254740993" }
                    }
                  }
                },
                { "$type": "String", "_value": "acct-17" }
              ]
            ]
          },
          "bookmarks": ["FB:kcwQbookmark0001"]
        }
        """;

    /// <summary>One row with a value of every type the store reads.</summary>
    public const string EveryType = """
        {
          "data": {
            "fields": ["i", "f", "s", "b", "n", "l", "m", "dt", "zdt", "ldt", "d", "bytes", "dur", "nan"],
            "values": [
              [
                { "$type": "Integer", "_value": "-9223372036854775808" },
                { "$type": "Float", "_value": "0.25" },
                { "$type": "String", "_value": "ünïcode \"quoted\"" },
                { "$type": "Boolean", "_value": true },
                { "$type": "Null", "_value": null },
                { "$type": "List", "_value": [ { "$type": "Integer", "_value": "1" }, { "$type": "String", "_value": "two" } ] },
                { "$type": "Map", "_value": { "k": { "$type": "Float", "_value": "1.5" } } },
                { "$type": "OffsetDateTime", "_value": "2026-01-05T14:04:11.123456789+01:00" },
                { "$type": "ZonedDateTime", "_value": "2026-01-05T13:04:11Z[Europe/London]" },
                { "$type": "LocalDateTime", "_value": "2026-01-05T13:04:11" },
                { "$type": "Date", "_value": "2026-01-05" },
                { "$type": "Base64", "_value": "AQID" },
                { "$type": "Duration", "_value": "P14DT16H12M" },
                { "$type": "Float", "_value": "NaN" }
              ]
            ]
          },
          "bookmarks": []
        }
        """;

    public const string SyntaxError = """
        {
          "errors": [
            {
              "code": "Neo.ClientError.Statement.SyntaxError",
              "message": "Invalid input 'RETRN': expected 'RETURN' (line 1, column 1 (offset: 0))"
            }
          ]
        }
        """;

    public const string Unauthorized = """
        {
          "errors": [
            { "code": "Neo.ClientError.Security.Unauthorized", "message": "The client is unauthorized due to authentication failure." }
          ]
        }
        """;

    public const string Deadlock = """
        {
          "errors": [
            { "code": "Neo.TransientError.Transaction.DeadlockDetected", "message": "ForsetiClient[transactionId=42] can't acquire ExclusiveLock" }
          ]
        }
        """;

    /// <summary>A transient error sent with HTTP 400: retry is decided from the code, not the status.</summary>
    public const string LeaderSwitch = """
        {
          "errors": [
            { "code": "Neo.TransientError.General.DatabaseUnavailable", "message": "The database is not currently available to serve your request." }
          ]
        }
        """;

    public const string ConstraintViolation = """
        {
          "errors": [
            { "code": "Neo.ClientError.Schema.ConstraintValidationFailed", "message": "Node(12) already exists with label `Account` and property `accountId` = 'a'" }
          ]
        }
        """;

    public const string Created7 = """
        { "data": { "fields": ["created"], "values": [ [ { "$type": "Integer", "_value": "7" } ] ] }, "bookmarks": [] }
        """;

    public const string BeginTransaction = """
        {
          "data": { "fields": [], "values": [] },
          "transaction": { "id": "8d9c6a6f-tx", "expires": "2026-11-22T10:15:30Z" }
        }
        """;

    public const string Committed = """
        { "data": { "fields": [], "values": [] }, "bookmarks": ["FB:kcwQcommitted"] }
        """;

    public const string Empty = """
        { "data": { "fields": [], "values": [] }, "bookmarks": [] }
        """;

    /// <summary>One row with one INTEGER column named <paramref name="field"/>.</summary>
    public static string SingleInteger(string field, long value) =>
        $$"""{ "data": { "fields": ["{{field}}"], "values": [ [ { "$type": "Integer", "_value": "{{value}}" } ] ] } }""";
}
