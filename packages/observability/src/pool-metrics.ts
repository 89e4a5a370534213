import { Gauge, type Registry } from 'prom-client';

/** The counters a `pg.Pool` keeps; typed here so this package needs no database driver. */
export interface PoolStats {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

/**
 * Exposes a Postgres pool's use as `adt_db_pool_clients{state="total|idle|waiting"}`, read at each
 * scrape. `waiting` above zero means queries queue for a connection: the pool is too small or
 * queries are slow.
 * @param registry - the service's registry
 * @param pool - the pool to watch
 */
export function registerPoolMetrics(registry: Registry, pool: PoolStats): void {
  new Gauge({
    name: 'adt_db_pool_clients',
    help: 'Postgres pool clients: total open, idle, and queries waiting for a client',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
}
