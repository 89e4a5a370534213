// @ts-check
/**
 * Keeps a fixed set of services running as child processes, for `scripts/start-stack.mjs`.
 *
 * A service that exits when nobody asked it to is started again after a delay that doubles with
 * each exit in a row (1 s, 2 s, 4 s … at most 30 s) and falls back to 1 s once the service has
 * stayed up for a minute, so a crash costs a second while a service that cannot start (a bad
 * setting, an unreachable database) is retried without spinning. The other services keep running
 * meanwhile. Only `stopAll` stops everything: running services get SIGTERM, pending restarts are
 * cancelled, and `onStopped` gets exit code 0 when every service then exited with code 0.
 */

/** The delay before restarting a service after its first unexpected exit. */
export const FIRST_RESTART_DELAY_MS = 1_000;
/** The longest delay between two restarts of a service that keeps exiting. */
export const MAX_RESTART_DELAY_MS = 30_000;
/** A service up this long before it exits is restarted after the first delay again. */
export const STABLE_UPTIME_MS = 60_000;
// This many exits in a row, each before the service was up for STABLE_UPTIME_MS, is a service that
// cannot start rather than one that crashed.
const FAILING_STREAK = 3;

/**
 * What the supervisor needs of a child process; node's `ChildProcess` is one.
 * @typedef {import('node:events').EventEmitter & {
 *   readonly pid?: number | undefined,
 *   kill: (signal?: NodeJS.Signals) => boolean,
 * }} SupervisedChild
 */

/**
 * One service as `status()` reports it.
 * @typedef {object} ServiceStatus
 * @property {string} name
 * @property {number | null} pid - null while the service waits to be restarted (or has stopped)
 * @property {number} restarts - restarts since the supervisor started
 * @property {number | null} upMs - how long the current process has run
 */

/**
 * @typedef {object} SupervisorOptions
 * @property {readonly string[]} names - the services, in start order
 * @property {(name: string) => SupervisedChild} spawn - starts one process of a service
 * @property {(text: string) => void} say - writes one log line
 * @property {(exitCode: number) => void} onStopped - once every service has ended after `stopAll`
 * @property {(name: string, restarts: number) => void} [onRestarted] - after a restarted process spawned
 */

/**
 * The delay before the next start of a service that has exited `streak` times in a row.
 * @param {number} streak - exits in a row without staying up for STABLE_UPTIME_MS, at least 1
 */
export function restartDelayMs(streak) {
  return Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** Math.max(0, streak - 1));
}

/** @param {number} ms */
export function formatDuration(ms) {
  const s = Math.floor(ms / 1000);
  if (s < 10) return `${(Math.floor(ms / 100) / 10).toString()} s`;
  if (s < 120) return `${s.toString()} s`;
  const min = Math.floor(s / 60);
  if (min < 120) return `${min.toString()} min`;
  return `${Math.floor(min / 60).toString()} h ${(min % 60).toString()} min`;
}

/**
 * One line for an operator: each service's pid, uptime and restart count.
 * @param {readonly ServiceStatus[]} services
 */
export function formatStatus(services) {
  return services
    .map((s) => {
      const state = s.pid === null ? 'down' : `up ${formatDuration(s.upMs ?? 0)} (pid ${s.pid.toString()})`;
      return `${s.name} ${state}, ${s.restarts.toString()} restart${s.restarts === 1 ? '' : 's'}`;
    })
    .join('; ');
}

/**
 * Starts nothing by itself: call `startAll`.
 * @param {SupervisorOptions} options
 */
export function createSupervisor(options) {
  const { say } = options;
  /**
   * @type {Map<string, {
   *   child: SupervisedChild | null, startedAt: number, restarts: number, streak: number,
   *   restartTimer: ReturnType<typeof setTimeout> | null,
   * }>}
   */
  const services = new Map(
    options.names.map((name) => [
      name,
      { child: null, startedAt: 0, restarts: 0, streak: 0, restartTimer: null },
    ]),
  );
  let stopping = false;
  let failedStop = false;
  let stoppedReported = false;

  /** @param {string} name */
  function stateOf(name) {
    const state = services.get(name);
    if (!state) throw new Error(`unknown service ${name}`);
    return state;
  }

  /** @param {string} name */
  function start(name) {
    const state = stateOf(name);
    state.restartTimer = null;
    state.startedAt = Date.now();
    /** @type {SupervisedChild} */
    let child;
    try {
      child = options.spawn(name);
    } catch (error) {
      // A spawn that throws (no free process slot) must not end the supervisor and the others.
      if (!stopping)
        scheduleRestart(name, `could not run: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    state.child = child;
    const restart = state.restarts > 0 ? `, restart ${state.restarts.toString()}` : '';
    say(`${name} started (pid ${child.pid?.toString() ?? 'unknown'}${restart})`);

    let ended = false;
    /** @param {string} description @param {boolean} clean */
    const onEnd = (description, clean) => {
      if (ended) return;
      ended = true;
      state.child = null;
      if (stopping) onEndWhileStopping(name, description, clean);
      else scheduleRestart(name, description);
    };
    child.on('error', (/** @type {Error} */ error) => {
      // Also emitted when a signal cannot be delivered; only a process that never ran has ended.
      if (child.pid === undefined) onEnd(`could not run: ${error.message}`, false);
      else say(`${name}: ${error.message}`);
    });
    child.once('close', (/** @type {number | null} */ code, /** @type {string | null} */ signal) => {
      onEnd(signal ? `was killed by ${signal}` : `exited with code ${String(code)}`, code === 0);
    });
    if (state.restarts > 0) options.onRestarted?.(name, state.restarts);
  }

  /** @param {string} name @param {string} description */
  function scheduleRestart(name, description) {
    const state = stateOf(name);
    const upMs = Date.now() - state.startedAt;
    if (upMs >= STABLE_UPTIME_MS) state.streak = 0;
    state.streak += 1;
    state.restarts += 1;
    const delayMs = restartDelayMs(state.streak);
    say(
      `${name} ${description} after ${formatDuration(upMs)}; restart ${state.restarts.toString()} ` +
        `in ${formatDuration(delayMs)}`,
    );
    if (state.streak >= FAILING_STREAK) {
      say(
        `${name} has exited ${state.streak.toString()} times in a row within ` +
          `${formatDuration(STABLE_UPTIME_MS)} of starting: its last lines above say why (a bad ` +
          `setting, Postgres or Redis unreachable?); retrying at most every ${formatDuration(MAX_RESTART_DELAY_MS)}`,
      );
    }
    state.restartTimer = setTimeout(() => {
      start(name);
    }, delayMs);
  }

  /** @param {string} name @param {string} description @param {boolean} clean */
  function onEndWhileStopping(name, description, clean) {
    if (!clean) {
      failedStop = true;
      say(`${name} ${description}`);
    }
    reportIfStopped();
  }

  function reportIfStopped() {
    if (stoppedReported || [...services.values()].some((s) => s.child !== null)) return;
    stoppedReported = true;
    const restarted = [...services.entries()].filter(([, s]) => s.restarts > 0);
    const restarts =
      restarted.length > 0
        ? ` (restarts: ${restarted.map(([n, s]) => `${n} ${s.restarts.toString()}`).join(', ')})`
        : '';
    say(`${failedStop ? 'stopped with errors' : 'stopped'}${restarts}`);
    options.onStopped(failedStop ? 1 : 0);
  }

  return {
    /** Starts every service. */
    startAll() {
      for (const name of options.names) start(name);
    },
    /** SIGTERM to every running service and no more restarts; `onStopped` follows. */
    stopAll() {
      if (stopping) return;
      stopping = true;
      for (const state of services.values()) {
        if (state.restartTimer) clearTimeout(state.restartTimer);
        state.restartTimer = null;
        state.child?.kill('SIGTERM');
      }
      reportIfStopped();
    },
    /** True once `stopAll` was called. */
    get stopping() {
      return stopping;
    },
    /** The processes running now. */
    children() {
      return [...services.values()].flatMap((s) => (s.child ? [s.child] : []));
    },
    /** @returns {ServiceStatus[]} */
    status() {
      const now = Date.now();
      return [...services.entries()].map(([name, s]) => ({
        name,
        pid: s.child?.pid ?? null,
        restarts: s.restarts,
        upMs: s.child ? now - s.startedAt : null,
      }));
    },
  };
}
