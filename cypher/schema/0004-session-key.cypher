// Uniqueness constraint (Community edition has these; node keys and existence constraints are Enterprise-only).
CREATE CONSTRAINT session_key IF NOT EXISTS FOR (n:Session) REQUIRE n.sessionKey IS UNIQUE
