/**
 * The time zone of each sending facility (`adt facility set <code> --time-zone`), kept in memory
 * and re-read every `FACILITY_SETTINGS_REFRESH_MS`, so applying a message costs no extra query. A
 * change reaches the worker within that interval: a message applied in between still reads its
 * times in the previous zone (a replay after the change reads them in the new one). Until the first
 * read succeeds (Postgres down at start-up), no message is applied: its job fails and is retried,
 * rather than reading its times in a zone that may be wrong.
 */
import type pg from 'pg';
import { listFacilities } from '@adt/db';
import type { Logger } from '@adt/logging';
import { startIntervalLoop } from '@adt/observability';

/** Facility zones, refreshed in the background. */
export interface FacilityZones {
  /** The facility's zone for timestamps without an offset, else the practice's. */
  zoneFor: (facility: string) => string;
  /** Re-reads the settings now (tests and start-up). */
  refresh: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Reads the facilities' zones once, then every interval.
 * @param options - pool, the practice zone (the fallback), the interval and a logger
 */
export async function startFacilityZones(options: {
  pool: pg.Pool;
  practiceZone: string;
  intervalMs: number;
  log: Logger;
}): Promise<FacilityZones> {
  let zones: Map<string, string> | null = null;
  let lastAttemptAt = Date.now();
  const refresh = async () => {
    const facilities = await listFacilities(options.pool);
    zones = new Map(facilities.flatMap((f) => (f.timeZone === null ? [] : [[f.code, f.timeZone] as const])));
  };
  // A worker that starts while Postgres is down keeps running and reads the settings when it can.
  await refresh().catch((error: unknown) => {
    options.log.warn({ err: error }, 'facility settings not read at start-up; retrying');
  });
  const loop = startIntervalLoop(refresh, {
    intervalMs: options.intervalMs,
    onError: (error) => {
      // The zones read last stay in use until a read succeeds.
      options.log.warn({ err: error }, 'facility settings refresh failed; keeping the previous ones');
    },
  });
  return {
    zoneFor: (facility) => {
      if (zones === null) {
        // Read again now rather than at the next interval, at most once a second.
        if (Date.now() - lastAttemptAt >= 1_000) {
          lastAttemptAt = Date.now();
          void refresh().catch(() => undefined);
        }
        throw new Error('facility settings not read yet; the message is retried');
      }
      return zones.get(facility) ?? options.practiceZone;
    },
    refresh,
    stop: loop.stop,
  };
}
