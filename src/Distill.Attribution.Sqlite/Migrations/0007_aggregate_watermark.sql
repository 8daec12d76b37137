-- 0007: the per-account request aggregates (account_stats, account_model_stats, account_capability_stats,
-- account_ip_stats) are no longer upserted in every batch's transaction. Ingest sums new rows in memory and
-- writes the sums in key order now and then, in the same transaction as a request batch, and records here the
-- last requests.id they cover. Rows past it (a kill -9 between two writes, another process ingesting) are
-- summed again from the table by the next writer; the snapshot reader adds them itself (docs/decisions.md D5b).
-- A store written before this migration kept its aggregates current in every transaction: they cover all rows.
CREATE TABLE aggregate_watermark (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    requests_upto INTEGER NOT NULL            -- the aggregates count exactly the requests with id <= this
);
INSERT INTO aggregate_watermark(id, requests_upto) VALUES (1, coalesce((SELECT max(id) FROM requests), 0));
