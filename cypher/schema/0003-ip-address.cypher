// Uniqueness constraint (Community edition has these; node keys and existence constraints are Enterprise-only).
CREATE CONSTRAINT ip_address IF NOT EXISTS FOR (n:Ip) REQUIRE n.address IS UNIQUE
