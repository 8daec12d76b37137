// Every model release (small table).
MATCH (m:Model)
WHERE m.releasedAt IS NOT NULL
RETURN m.name AS model, m.releasedAt AS releasedAt
