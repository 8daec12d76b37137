// Uniqueness constraint (Community edition has these; node keys and existence constraints are Enterprise-only).
CREATE CONSTRAINT account_id IF NOT EXISTS FOR (n:Account) REQUIRE n.accountId IS UNIQUE
