-- 0001: the contract's six record types, their dictionaries and the per-account aggregates.
-- Conventions: timestamps are INTEGER Unix milliseconds (UTC); enums are INTEGER (the C# enum's byte
-- value); a dictionary reference column holds the dictionary row id, and 0 means "absent" so that the
-- hot columns stay NOT NULL integers (a snapshot reads them with one int64 call each, no null checks).

-- Dictionaries: one row per distinct string. Ids come from the rowid; a rolled-back batch leaves no gap.
CREATE TABLE account_keys        (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE models              (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE capabilities        (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE prompt_fingerprints (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE ips                 (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE clients             (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);

-- A later row for the same account id updates the account.
CREATE TABLE accounts (
    account        INTEGER PRIMARY KEY,   -- account_keys.id
    created_at     INTEGER NOT NULL,
    email_domain   TEXT,
    email_hash     TEXT,
    display_name   TEXT,
    org_name       TEXT,
    access_pathway INTEGER NOT NULL,
    country        TEXT,
    status         INTEGER
);

-- One row per (account, instrument); kind/bin/issuer_country/first_seen come from the earliest row seen.
CREATE TABLE payments (
    account        INTEGER NOT NULL,      -- account_keys.id
    instrument     TEXT    NOT NULL,      -- opaque fingerprint (raw card numbers never reach the store)
    kind           INTEGER,
    bin            TEXT,
    issuer_country TEXT,
    first_seen     INTEGER NOT NULL,
    PRIMARY KEY (account, instrument)
) WITHOUT ROWID;

-- Raw session rows; the key makes re-ingest idempotent (the first row for a key is kept).
CREATE TABLE sessions (
    account INTEGER NOT NULL,             -- account_keys.id
    ip      INTEGER NOT NULL,             -- ips.id
    seen_at INTEGER NOT NULL,
    asn     INTEGER,
    asn_org TEXT,
    ip_type INTEGER,
    PRIMARY KEY (account, ip, seen_at)
) WITHOUT ROWID;

-- Raw requests with their source ids (evidence points back to them through id -> request_id).
-- Insert-only: a duplicate request_id changes nothing. Uniqueness is checked by the store against the
-- 128-bit key (the first 16 bytes of SHA-256(request_id)), kept in memory while writing, instead of a
-- UNIQUE index: request ids are random strings, and a B-tree index on random keys rewrites most of its
-- pages into the WAL on every batch commit (measured: several times slower than the whole insert).
-- With no secondary index a batch only appends pages.
CREATE TABLE requests (
    id                 INTEGER PRIMARY KEY,
    request_id         TEXT    NOT NULL,
    key_hi             INTEGER NOT NULL,  -- SHA-256(request_id) bytes 0..7, little-endian, as int64
    key_lo             INTEGER NOT NULL,  -- bytes 8..15
    account            INTEGER NOT NULL,  -- account_keys.id
    ts                 INTEGER NOT NULL,
    model              INTEGER NOT NULL,  -- models.id
    capability         INTEGER NOT NULL,  -- capabilities.id, 0 = absent
    prompt_fingerprint INTEGER NOT NULL,  -- prompt_fingerprints.id, 0 = absent
    ip                 INTEGER NOT NULL,  -- ips.id, 0 = absent
    client             INTEGER NOT NULL,  -- clients.id, 0 = absent
    input_tokens       INTEGER,
    output_tokens      INTEGER
);

-- One row per model; the earliest released_at wins, so the result does not depend on ingest order.
CREATE TABLE releases (
    model       TEXT PRIMARY KEY,
    released_at INTEGER NOT NULL
) WITHOUT ROWID;

-- One row per (operator, kind, value); a later row updates name, confidence and source.
CREATE TABLE indicators (
    operator_id   TEXT    NOT NULL,
    kind          INTEGER NOT NULL,
    value         TEXT    NOT NULL,
    operator_name TEXT,
    confidence    REAL    NOT NULL,
    source        TEXT,
    PRIMARY KEY (operator_id, kind, value)
) WITHOUT ROWID;

-- Per-account aggregates of requests, maintained by ingestion from new rows only.
CREATE TABLE account_stats (
    account       INTEGER PRIMARY KEY,    -- account_keys.id
    requests      INTEGER NOT NULL,
    input_tokens  INTEGER NOT NULL,       -- absent counts as 0
    output_tokens INTEGER NOT NULL,
    first_ts      INTEGER NOT NULL,
    last_ts       INTEGER NOT NULL
);
CREATE TABLE account_model_stats (
    account  INTEGER NOT NULL,
    model    INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    PRIMARY KEY (account, model)
) WITHOUT ROWID;
-- Only requests that carry a capability / an ip are counted here.
CREATE TABLE account_capability_stats (
    account    INTEGER NOT NULL,
    capability INTEGER NOT NULL,
    requests   INTEGER NOT NULL,
    PRIMARY KEY (account, capability)
) WITHOUT ROWID;
CREATE TABLE account_ip_stats (
    account  INTEGER NOT NULL,
    ip       INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    PRIMARY KEY (account, ip)
) WITHOUT ROWID;

-- Row count and order-independent content digest (sum of SHA-256 row hashes mod 2^256) of the
-- insert-only tables, maintained in each batch's transaction; they feed InputHash without a re-scan.
CREATE TABLE content_digests (
    name   TEXT PRIMARY KEY,
    rows   INTEGER NOT NULL,
    digest BLOB    NOT NULL
) WITHOUT ROWID;
