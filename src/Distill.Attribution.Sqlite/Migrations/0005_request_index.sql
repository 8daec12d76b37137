-- 0005: the in-memory request index (decision D5) maps a 64-bit hash of request_id to the row id and
-- confirms every match by reading request_id back, so the 128-bit SHA-256 keys stored since 0001 are no
-- longer read. Dropping them makes each request row 16-18 bytes smaller and saves a SHA-256 per row.
ALTER TABLE requests DROP COLUMN key_hi;
ALTER TABLE requests DROP COLUMN key_lo;
