// Uniqueness constraint (Community edition has these; node keys and existence constraints are Enterprise-only).
CREATE CONSTRAINT indicator_key IF NOT EXISTS FOR (n:Indicator) REQUIRE n.indicatorKey IS UNIQUE
