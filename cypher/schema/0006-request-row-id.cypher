// Uniqueness constraint (Community edition has these; node keys and existence constraints are Enterprise-only).
CREATE CONSTRAINT request_row_id IF NOT EXISTS FOR (n:Request) REQUIRE n.rowId IS UNIQUE
