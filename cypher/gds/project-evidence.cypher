// Optional GDS variant (needs the Graph Data Science plugin): projects the evidence links of run $runId
// into the in-memory graph $graphName with a Cypher projection, undirected, weighted.
MATCH (a:Account)-[e:EVIDENCE {runId: $runId}]->(b:Account)
WITH a, b, sum(e.weight) AS weight
WITH gds.graph.project($graphName, a, b, {relationshipProperties: {weight: weight}}, {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.graphName AS graphName, g.nodeCount AS nodeCount, g.relationshipCount AS relationshipCount
