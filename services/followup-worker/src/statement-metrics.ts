/**
 * Counts what the worker asks of Postgres: statements (each one round trip with node-postgres,
 * which does not pipeline) and commits, as `adt_worker_db_statements_total` and
 * `adt_worker_db_commits_total`. The benchmark divides them by the messages processed.
 */
import { Counter, type Registry } from '@adt/observability';

/** A pool's connection as far as counting goes. */
interface CountedClient {
  query: (...args: never[]) => unknown;
}

/** A `pg.Pool`, as far as counting goes (the worker does not depend on the driver's types). */
export interface StatementSource {
  on: (event: 'connect', listener: (client: CountedClient) => void) => unknown;
}

/**
 * Counts every statement sent on the pool's connections from now on.
 * @param registry - the worker's registry
 * @param pool - the worker's pool
 */
export function countPoolStatements(registry: Registry, pool: StatementSource): void {
  const statements = new Counter({
    name: 'adt_worker_db_statements_total',
    help: 'SQL statements the worker sent to Postgres (each one round trip), BEGIN and COMMIT included',
    registers: [registry],
  });
  const commits = new Counter({
    name: 'adt_worker_db_commits_total',
    help: 'COMMITs the worker sent to Postgres',
    registers: [registry],
  });
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // node-postgres has no statement hook: the client's own query method is wrapped once.
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements.inc();
      const [first] = args;
      const text = typeof first === 'string' ? first : (first as { text?: unknown } | undefined)?.text;
      if (typeof text === 'string' && /^\s*commit\b/i.test(text)) commits.inc();
      return query(...args);
    };
  });
}
