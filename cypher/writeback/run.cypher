// Records a detection run: its parameters (JSON text), the hash of the input snapshot, the code version
// and the membership hash. Writing the same run again changes nothing.
MERGE (run:Run {runId: $runId})
  ON CREATE SET run.createdAt = datetime($createdAt),
                run.parameters = $parameters,
                run.inputHash = $inputHash,
                run.codeVersion = $codeVersion,
                run.membershipHash = $membershipHash
RETURN run.runId AS runId
