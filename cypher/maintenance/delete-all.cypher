// Deletes every node and relationship of the database, in batches so a large graph does not need one
// huge transaction. Only the Neo4j contract tests call it, on the scratch database they are given.
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
