import pg from 'pg';

// int8 ids and counts come back as strings by default; they fit JS numbers for this product's
// volumes only up to 2^53, so ids stay strings end to end and counts are parsed where read.
/** Anything that runs a parameterised query: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** Options for {@link createPool}. */
export interface CreatePoolOptions {
  connectionString: string;
  max?: number;
  applicationName?: string;
}

/**
 * Opens the Postgres pool for a service.
 * @param options - connection string, pool size and the name shown in pg_stat_activity
 */
export function createPool(options: CreatePoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'adt-followup',
    connectionTimeoutMillis: 5_000,
    // JIT compilation pays off for long analytical queries, never for these short statements. Its
    // planner cost threshold is crossed as tables grow (the ED-history lookup did at ~60,000
    // follow-ups), and then each call spent ~80 ms compiling: the worker fell from ~230 to ~50 msg/s
    // in the soak. Off for every product connection, whatever the server's default.
    options: '-c jit=off',
  });
  // An idle client losing its connection (Postgres restart) must not crash the process; the
  // next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Runs `work` in one transaction on one client, committing on success and rolling back on error.
 * @param pool - the pool to take a client from
 * @param work - the statements to run; receives the transaction's client
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * True when Postgres answers a trivial query within the pool's connection timeout.
 * @param pool - the pool to check
 */
export async function isDatabaseReachable(pool: pg.Pool): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
