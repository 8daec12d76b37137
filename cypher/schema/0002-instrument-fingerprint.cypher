// Uniqueness constraint (Community edition has these; node keys and existence constraints are Enterprise-only).
CREATE CONSTRAINT instrument_fingerprint IF NOT EXISTS FOR (n:Instrument) REQUIRE n.fingerprint IS UNIQUE
