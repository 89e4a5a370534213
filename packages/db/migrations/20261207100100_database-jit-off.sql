-- Up Migration

-- JIT compilation off for this database, as the product's pools already ask at connect
-- (`-c jit=off`, docs/operations.md). Through PgBouncer in transaction mode that start-up option
-- does not reach the server connections, so the database's own default has to say it. Changing it
-- needs the database's owner: without, the migration leaves it and says so (docs/scaling.md#pgbouncer).
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'jit left on for database %: ALTER DATABASE % SET jit = off needs its owner',
    current_database(), current_database();
END $$;
