// Readiness of `distill serve --neo4j`: the server answers a query in the configured database. Touches no data.
RETURN 1 AS ok
