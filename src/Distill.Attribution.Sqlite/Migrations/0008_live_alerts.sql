-- 0007: live mode (distill watch / replay). Alerts: one open (status 0 open, 1 acknowledged) alert per cluster, kind
-- and subject, enforced by the partial unique index; later runs update it. live_state remembers the run the alerts
-- were last computed from (written in the same transaction as the alerts); live_batches the batches already done.
CREATE TABLE alerts (
    id              INTEGER PRIMARY KEY,
    cluster_id      TEXT    NOT NULL,
    kind            INTEGER NOT NULL,           -- AlertKind's value
    subject         TEXT    NOT NULL,           -- the model of a release pivot, else ''
    status          INTEGER NOT NULL,           -- AlertStatus's value: 0 open, 1 acknowledged, 2 resolved
    first_run_id    TEXT    NOT NULL,
    run_id          TEXT    NOT NULL,
    raised_at       INTEGER NOT NULL,           -- Unix ms, wall clock
    updated_at      INTEGER NOT NULL,
    observed_at     INTEGER NOT NULL,           -- Unix ms, the data's time when raised
    updates         INTEGER NOT NULL,
    summary         TEXT    NOT NULL,
    evidence_json   TEXT    NOT NULL,           -- [{"name":..,"value":..}]
    lineage         INTEGER NOT NULL,
    parents_json    TEXT    NOT NULL,
    operator_id     TEXT,
    risk_score      REAL    NOT NULL,
    members_json    TEXT    NOT NULL,
    member_count    INTEGER NOT NULL,
    handled_by      TEXT
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (cluster_id, kind, subject) WHERE status <> 2;
CREATE INDEX alerts_by_status ON alerts (status, id);

CREATE TABLE live_state (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE live_batches (
    name         TEXT    NOT NULL,
    content_hash TEXT    NOT NULL,
    run_id       TEXT,
    rows_read    INTEGER NOT NULL,
    done_at      INTEGER NOT NULL,
    PRIMARY KEY (name, content_hash)
);
