import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSupervisor,
  formatStatus,
  MAX_RESTART_DELAY_MS,
  restartDelayMs,
  STABLE_UPTIME_MS,
} from '../../scripts/supervisor.mjs';

/** A child process that exits when the test says so. */
class FakeChild extends EventEmitter {
  readonly signals: string[] = [];
  constructor(readonly pid: number | undefined) {
    super();
  }
  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    this.signals.push(signal);
    return true;
  }
  exit(code: number | null, signal: string | null = null): void {
    this.emit('close', code, signal);
  }
}

function supervise(names = ['listener', 'worker', 'api'], options: { spawnable?: boolean } = {}) {
  let nextPid = 100;
  const spawned: Record<string, FakeChild[]> = {};
  const lines: string[] = [];
  const stopped: number[] = [];
  const supervisor = createSupervisor({
    names,
    spawn: (name) => {
      const child = new FakeChild(options.spawnable === false ? undefined : nextPid++);
      (spawned[name] ??= []).push(child);
      return child;
    },
    say: (line) => lines.push(line),
    onStopped: (code) => stopped.push(code),
  });
  supervisor.startAll();
  const latest = (name: string): FakeChild => {
    const child = spawned[name]?.at(-1);
    if (!child) throw new Error(`${name} never started`);
    return child;
  };
  const starts = (name: string) => spawned[name]?.length ?? 0;
  return { supervisor, latest, starts, lines, stopped };
}

describe('start-stack supervisor', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits 1 s before the first restart, doubling to a 30 s cap while the service keeps exiting', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(restartDelayMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(MAX_RESTART_DELAY_MS).toBe(30_000);
  });

  it('restarts only the service that exited, after 1 s, and logs its restart count and new pid', () => {
    const { supervisor, latest, starts, lines } = supervise();
    const listener = latest('listener');
    vi.advanceTimersByTime(5_000);

    latest('worker').exit(null, 'SIGKILL');
    expect(lines.at(-1)).toBe('worker was killed by SIGKILL after 5 s; restart 1 in 1 s');
    vi.advanceTimersByTime(999);
    expect(starts('worker')).toBe(1);
    vi.advanceTimersByTime(1);
    expect(starts('worker')).toBe(2);
    expect(lines.at(-1)).toBe(`worker started (pid ${String(latest('worker').pid)}, restart 1)`);

    expect(listener.signals).toEqual([]);
    expect(starts('listener')).toBe(1);
    expect(starts('api')).toBe(1);
    expect(supervisor.status().map((s) => [s.name, s.restarts])).toEqual([
      ['listener', 0],
      ['worker', 1],
      ['api', 0],
    ]);
  });

  it('backs off a service that keeps failing at start, says so, and keeps retrying', () => {
    const { latest, starts, lines } = supervise(['worker']);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 7; attempt += 1) {
      latest('worker').exit(1);
      const before = starts('worker');
      let waited = 0;
      while (starts('worker') === before) {
        vi.advanceTimersByTime(500);
        waited += 500;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(lines.filter((l) => l.includes('times in a row')).length).toBe(5);
    expect(lines).toContain(
      'worker has exited 3 times in a row within 60 s of starting: its last lines above say why ' +
        '(a bad setting, Postgres or Redis unreachable?); retrying at most every 30 s',
    );
  });

  it('restarts after 1 s again once the service had stayed up for a minute', () => {
    const { latest, starts, lines } = supervise(['worker']);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      latest('worker').exit(1);
      vi.advanceTimersByTime(restartDelayMs(attempt));
    }
    expect(lines).toContain('worker exited with code 1 after 0 s; restart 4 in 8 s');
    vi.advanceTimersByTime(STABLE_UPTIME_MS);
    latest('worker').exit(1);
    expect(lines.at(-1)).toBe('worker exited with code 1 after 60 s; restart 5 in 1 s');
    vi.advanceTimersByTime(1_000);
    expect(starts('worker')).toBe(6);
  });

  it('treats a process that could not be spawned as an exit and retries it', () => {
    const { latest, starts, lines } = supervise(['worker'], { spawnable: false });
    latest('worker').emit('error', new Error('spawn node ENOENT'));
    expect(lines.at(-1)).toBe('worker could not run: spawn node ENOENT after 0 s; restart 1 in 1 s');
    // The exit node may report for the same failed spawn is not a second one.
    latest('worker').exit(-2);
    expect(lines.filter((l) => l.includes('restart 2'))).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(starts('worker')).toBe(2);
  });

  it('retries a service whose spawn throws, without stopping the others', () => {
    let throwing = false;
    const lines: string[] = [];
    let spawns = 0;
    const supervisor = createSupervisor({
      names: ['listener', 'worker'],
      spawn: (name) => {
        if (name === 'worker' && throwing) throw new Error('spawn EAGAIN');
        spawns += 1;
        return new FakeChild(spawns);
      },
      say: (line) => lines.push(line),
      onStopped: () => undefined,
    });
    supervisor.startAll();
    throwing = true;
    const [, worker] = supervisor.children();
    (worker as FakeChild).exit(1);
    vi.advanceTimersByTime(1_000);
    expect(lines.at(-1)).toBe('worker could not run: spawn EAGAIN after 0 s; restart 2 in 2 s');
    throwing = false;
    vi.advanceTimersByTime(2_000);
    expect(supervisor.status().map((s) => [s.name, s.pid, s.restarts])).toEqual([
      ['listener', 1, 0],
      ['worker', 3, 2],
    ]);
  });

  it('logs an error of a running process (a signal it could not be sent) without restarting it', () => {
    const { latest, starts, lines } = supervise(['worker']);
    latest('worker').emit('error', new Error('kill EPERM'));
    expect(lines.at(-1)).toBe('worker: kill EPERM');
    vi.advanceTimersByTime(60_000);
    expect(starts('worker')).toBe(1);
  });

  it('stops everything only on stopAll: SIGTERM to each, no restart after, exit code 0 when all exit 0', () => {
    const { supervisor, latest, starts, lines, stopped } = supervise();
    latest('api').exit(1);
    supervisor.stopAll();
    expect(latest('listener').signals).toEqual(['SIGTERM']);
    expect(latest('worker').signals).toEqual(['SIGTERM']);
    latest('listener').exit(0);
    latest('worker').exit(0);
    expect(stopped).toEqual([0]);
    expect(lines.at(-1)).toBe('stopped (restarts: api 1)');
    vi.advanceTimersByTime(60_000);
    expect(starts('api')).toBe(1);
    expect(supervisor.children()).toEqual([]);
  });

  it('exits 1 when a service does not stop cleanly', () => {
    const { supervisor, latest, stopped, lines } = supervise(['listener', 'worker']);
    supervisor.stopAll();
    latest('listener').exit(0);
    expect(stopped).toEqual([]);
    latest('worker').exit(null, 'SIGKILL');
    expect(lines).toContain('worker was killed by SIGKILL');
    expect(stopped).toEqual([1]);
  });

  it('reports pid, uptime and restarts in one status line', () => {
    const { supervisor, latest } = supervise(['listener', 'worker']);
    vi.advanceTimersByTime(90_000);
    latest('worker').exit(1);
    expect(formatStatus(supervisor.status())).toBe(
      `listener up 90 s (pid ${String(latest('listener').pid)}), 0 restarts; worker down, 1 restart`,
    );
  });
});
