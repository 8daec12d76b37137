// Uniqueness constraint (Community edition has these; node keys and existence constraints are Enterprise-only).
CREATE CONSTRAINT cluster_id IF NOT EXISTS FOR (n:Cluster) REQUIRE n.clusterId IS UNIQUE
