-- Gatehouse keeps all of its tables in the `public` schema of its own database.
CREATE SCHEMA IF NOT EXISTS "public";
