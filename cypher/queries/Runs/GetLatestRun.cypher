// The latest detection run (null columns when there is none).
OPTIONAL MATCH (run:Run)
WITH run
ORDER BY run.createdAt DESC, run.runId DESC
LIMIT 1
RETURN run.runId AS runId,
       run.createdAt AS createdAt,
       run.inputHash AS inputHash,
       run.codeVersion AS codeVersion,
       run.membershipHash AS membershipHash
