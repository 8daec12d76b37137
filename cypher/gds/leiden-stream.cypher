// Optional GDS variant: Leiden on the projected graph. GDS only honours randomSeed with concurrency 1,
// which is also what makes the result reproducible.
CALL gds.leiden.stream($graphName, {
  relationshipWeightProperty: 'weight',
  randomSeed: $seed,
  concurrency: 1,
  gamma: $resolution,
  maxLevels: $maxLevels
})
YIELD nodeId, communityId
RETURN gds.util.asNode(nodeId).accountId AS accountId, communityId
ORDER BY accountId
