// Uniqueness constraint (Community edition has these; node keys and existence constraints are Enterprise-only).
CREATE CONSTRAINT run_id IF NOT EXISTS FOR (n:Run) REQUIRE n.runId IS UNIQUE
