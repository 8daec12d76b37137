// Uniqueness constraint (Community edition has these; node keys and existence constraints are Enterprise-only).
CREATE CONSTRAINT sequence_name IF NOT EXISTS FOR (n:Sequence) REQUIRE n.name IS UNIQUE
