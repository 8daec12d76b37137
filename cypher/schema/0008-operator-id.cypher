// Uniqueness constraint (Community edition has these; node keys and existence constraints are Enterprise-only).
CREATE CONSTRAINT operator_id IF NOT EXISTS FOR (n:Operator) REQUIRE n.operatorId IS UNIQUE
