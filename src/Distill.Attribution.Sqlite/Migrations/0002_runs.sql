-- Detection runs. A run is written whole in one transaction (SqliteRunStore.SaveRunAsync).
-- runs: one row per run, in the order they were saved (seq); the run's header and parameters.
CREATE TABLE runs (
    seq                 INTEGER PRIMARY KEY,
    run_id              TEXT    NOT NULL UNIQUE,
    created_at          TEXT    NOT NULL,
    input_hash          TEXT    NOT NULL,
    parameters_hash     TEXT    NOT NULL,
    code_version        TEXT    NOT NULL,
    membership_hash     TEXT    NOT NULL,
    next_cluster_number INTEGER NOT NULL,
    parameters_json     TEXT    NOT NULL,
    known_operators     TEXT    NOT NULL,
    stats_json          TEXT
);

-- clusters: every cluster of every run. The queryable columns are copies; `detail` is the whole cluster
-- (features, evidence tree, counter-evidence, attribution, lineage) as gzip-compressed JSON.
CREATE TABLE clusters (
    run_seq             INTEGER NOT NULL REFERENCES runs(seq),
    ordinal             INTEGER NOT NULL,
    cluster             TEXT    NOT NULL,
    size                INTEGER NOT NULL,
    risk_score          REAL    NOT NULL,
    flagged             INTEGER NOT NULL,
    operator_id         TEXT,
    operator_confidence REAL,
    lineage             TEXT    NOT NULL,
    detail              BLOB    NOT NULL,
    PRIMARY KEY (run_seq, ordinal)
) WITHOUT ROWID;

CREATE INDEX clusters_by_id ON clusters(cluster, run_seq);

-- cluster_members: the LATEST run's membership only (replaced when a run is saved), so that
-- `SELECT cluster FROM cluster_members WHERE account = ?` answers "which cluster is this account in now".
-- Older runs keep their members inside clusters.detail.
CREATE TABLE cluster_members (
    account             TEXT    NOT NULL PRIMARY KEY,
    cluster             TEXT    NOT NULL,
    run_seq             INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX cluster_members_by_cluster ON cluster_members(cluster);
