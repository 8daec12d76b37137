-- 0003: API keys (hashes only) and the append-only, hash-chained audit trail of the investigator API.
CREATE TABLE api_keys (
    key_id     TEXT PRIMARY KEY,           -- the public part of the key (dk_<key_id>_<secret>)
    hash       TEXT    NOT NULL,           -- hex SHA-256 of the whole key; the key itself is never stored
    role       INTEGER NOT NULL,           -- Role's byte value
    created_at INTEGER NOT NULL,           -- Unix ms
    label      TEXT
) WITHOUT ROWID;

-- One row per API request. time is .NET UTC ticks so the hashed timestamp round-trips exactly.
CREATE TABLE audit_entries (
    sequence       INTEGER PRIMARY KEY,
    time_ticks     INTEGER NOT NULL,
    key_id         TEXT    NOT NULL,
    role           TEXT    NOT NULL,
    operation_name TEXT,
    document_hash  TEXT    NOT NULL,
    variables      TEXT    NOT NULL,
    outcome        TEXT    NOT NULL,
    previous_hash  TEXT    NOT NULL,
    hash           TEXT    NOT NULL
);

-- Append-only inside the database too: only someone who drops these triggers (and then breaks the hash chain,
-- which `distill audit verify` names) can change history.
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
