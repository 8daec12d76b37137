// One batch of model releases ($rows, de-duplicated by the client on model keeping the earliest). The
// earliest release time of a model wins, so the result does not depend on ingest order.
// Returns how many releases the batch added or moved earlier.
UNWIND $rows AS row
OPTIONAL MATCH (e:Model {name: row.model})
WITH row, e, datetime(row.releasedAt) AS releasedAt
WITH row, releasedAt, e IS NULL OR e.releasedAt IS NULL OR releasedAt < e.releasedAt AS wins
MERGE (m:Model {name: row.model})
FOREACH (ignored IN CASE WHEN wins THEN [1] ELSE [] END | SET m.releasedAt = releasedAt)
RETURN count(CASE WHEN wins THEN 1 END) AS created
