// The counter that hands out request row ids (DetectionSnapshot.RequestRowId); safe to run on every start.
MERGE (s:Sequence {name: $name})
ON CREATE SET s.next = 0
