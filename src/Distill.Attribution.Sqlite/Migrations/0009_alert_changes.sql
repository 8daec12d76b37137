-- 0009: a change number on alerts, so that `distill serve` notices alerts that another process (distill watch /
-- replay) raised or updated, with one indexed query (the alertRaised subscription's feed). Every insert, and every
-- update by a later run (which always sets `updates`), gives the row the next number; acknowledge and resolve do not
-- (they are not raised events). Writers are serialised by SQLite, so a later commit always carries larger numbers.
ALTER TABLE alerts ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
UPDATE alerts SET change_seq = id;
CREATE INDEX alerts_by_change ON alerts (change_seq);
CREATE TRIGGER alerts_change_on_insert AFTER INSERT ON alerts
BEGIN
    UPDATE alerts SET change_seq = (SELECT coalesce(max(change_seq), 0) + 1 FROM alerts) WHERE id = NEW.id;
END;
CREATE TRIGGER alerts_change_on_update AFTER UPDATE OF updates ON alerts
BEGIN
    UPDATE alerts SET change_seq = (SELECT coalesce(max(change_seq), 0) + 1 FROM alerts) WHERE id = NEW.id;
END;
