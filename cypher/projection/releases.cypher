// Every model release (small table), as Unix milliseconds like every other timestamp of the projection.
MATCH (m:Model)
WHERE m.releasedAt IS NOT NULL
RETURN m.name AS model, m.releasedAt.epochMillis AS releasedAtMs
