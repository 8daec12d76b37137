// One batch of model releases ($rows, de-duplicated by the client on model, first row wins).
// A model already released keeps its first release time. Returns how many releases the batch added.
UNWIND $rows AS row
OPTIONAL MATCH (existing:Model {name: row.model})
WITH row, existing IS NULL OR existing.releasedAt IS NULL AS isNew
MERGE (m:Model {name: row.model})
SET m.releasedAt = coalesce(m.releasedAt, datetime(row.releasedAt))
RETURN count(CASE WHEN isNew THEN 1 END) AS created
