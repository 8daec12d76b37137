-- 0004: investigators' verdicts and operator overrides, append-only: the latest row per cluster is in force,
-- earlier rows are the history, and the detector's original attribution is kept in each override row.
CREATE TABLE verdicts (
    id          INTEGER PRIMARY KEY,
    cluster_id  TEXT    NOT NULL,
    run_id      TEXT    NOT NULL,
    verdict     INTEGER NOT NULL,           -- Verdict's value: 0 confirmed, 1 dismissed, 2 needs review
    note        TEXT,
    key_id      TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL            -- Unix ms
);
CREATE INDEX verdicts_by_cluster ON verdicts (cluster_id, id);

CREATE TABLE operator_overrides (
    id                   INTEGER PRIMARY KEY,
    cluster_id           TEXT    NOT NULL,
    run_id               TEXT    NOT NULL,
    original_operator_id TEXT,              -- the detector's attribution when the override was made (null: none)
    operator_id          TEXT    NOT NULL,
    reason               TEXT    NOT NULL,
    key_id               TEXT    NOT NULL,
    role                 TEXT    NOT NULL,
    recorded_at          INTEGER NOT NULL
);
CREATE INDEX operator_overrides_by_cluster ON operator_overrides (cluster_id, id);
