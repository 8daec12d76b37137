-- 0010: prompt fingerprints lose their UNIQUE index (decision D34). Fingerprints are hashes, millions of distinct
-- values at scale 10, so every new one was a random insert into an index larger than the writer's page cache, and
-- every batch rewrote hundreds of that index's pages into the log: 26-34 % of a scale-10 ingest. Nothing looks a
-- fingerprint up by its value (readers join on the id); the writer's dictionary cache, exact under its write lock
-- (decision D24), is what keeps each value once. The ids stay as they are: requests name them.
CREATE TABLE prompt_fingerprints_0010 (id INTEGER PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO prompt_fingerprints_0010(id, value) SELECT id, value FROM prompt_fingerprints ORDER BY id;
DROP TABLE prompt_fingerprints;
ALTER TABLE prompt_fingerprints_0010 RENAME TO prompt_fingerprints;
