/**
 * The per-facility interface settings the listener needs before it answers (accepted processing
 * ids, certificate bindings, test mode), kept in memory so a message costs no settings query. The
 * table is re-read every `FACILITY_SETTINGS_REFRESH_MS`: a change made with `adt facility set` or
 * the admin page reaches the listener within that interval, and until then the previous settings
 * apply (a newly bound certificate is enforced, a test facility turned live goes live, up to that
 * long after the change). A failed read keeps the previous settings.
 */
import type pg from 'pg';
import type { CertificateBinding, FacilityMode } from '@adt/adt';
import { listFacilities } from '@adt/db';
import type { Logger } from '@adt/logging';
import { startIntervalLoop } from '@adt/observability';

/** What the listener applies to one facility's messages. */
export interface FacilityPolicy {
  /** MSH-11 values accepted; null: the listener's `MLLP_PROCESSING_IDS`. */
  processingIds: ReadonlySet<string> | null;
  binding: CertificateBinding;
  mode: FacilityMode;
}

/** The settings of every facility that has some, as last read. */
export interface FacilityDirectory {
  /** The facility's settings; undefined when it has none (installation defaults, live). */
  policyOf: (facility: string) => FacilityPolicy | undefined;
  /** Every facility's certificate binding (a certificate bound to one may not send as another). */
  bindings: () => ReadonlyMap<string, CertificateBinding>;
  /**
   * Resolves at once when the settings were read; otherwise reads them now and throws when that
   * fails, so no message is judged without its facility's binding (the caller answers "store
   * unavailable": the sender retries).
   */
  ensureLoaded: () => Promise<void>;
  /** Re-reads the table now. */
  refresh: () => Promise<void>;
  stop: () => Promise<void>;
}

/** A directory that knows no facility: every message gets the installation-wide behaviour. */
export const EMPTY_FACILITY_DIRECTORY: FacilityDirectory = {
  policyOf: () => undefined,
  bindings: () => new Map(),
  ensureLoaded: () => Promise.resolve(),
  refresh: () => Promise.resolve(),
  stop: () => Promise.resolve(),
};

/**
 * Reads the facility settings once, then every interval.
 * @param options - pool, the interval and a logger
 */
export async function startFacilityDirectory(options: {
  pool: pg.Pool;
  intervalMs: number;
  log: Logger;
}): Promise<FacilityDirectory> {
  let policies = new Map<string, FacilityPolicy>();
  let bindings = new Map<string, CertificateBinding>();
  let loaded = false;
  const refresh = async () => {
    const facilities = await listFacilities(options.pool);
    policies = new Map(
      facilities.map((f) => [
        f.code,
        {
          processingIds: f.processingIds === null ? null : new Set(f.processingIds),
          binding: { subject: f.certificateSubject, fingerprint: f.certificateFingerprint },
          mode: f.mode,
        },
      ]),
    );
    bindings = new Map([...policies].map(([code, policy]) => [code, policy.binding]));
    loaded = true;
  };
  try {
    await refresh();
  } catch (error) {
    // Start without settings rather than not at all (the database may come up later); until they
    // are read, each message tries to read them first (`ensureLoaded`).
    options.log.warn({ err: error }, 'facility settings not read at start; retrying on the interval');
  }
  const loop = startIntervalLoop(refresh, {
    intervalMs: options.intervalMs,
    onError: (error) => {
      options.log.warn({ err: error }, 'facility settings refresh failed; keeping the previous ones');
    },
  });
  return {
    policyOf: (facility) => policies.get(facility),
    bindings: () => bindings,
    ensureLoaded: () => (loaded ? Promise.resolve() : refresh()),
    refresh,
    stop: loop.stop,
  };
}
