/**
 * Resident memory of the processes under test, read from /proc/<pid>/status (VmRSS): what the
 * kernel charges the process, including native buffers that `process.memoryUsage()` of another
 * process could not show.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * VmRSS of a process in MB, or null when it is gone or /proc is unavailable.
 * @param pid - process id
 */
export function readRssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match?.[1] ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

// Linux reports CPU time in clock ticks; USER_HZ is 100 on every mainstream architecture.
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) a process has used so far, in seconds, or null when it is gone.
 * @param pid - process id
 */
export function readCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces, hence the last ')'): state is the
    // first, utime the 12th and stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** CPU seconds each process used between two moments (what a scenario cost it). */
export class CpuMeter {
  private readonly start: Record<string, number | null>;

  /** @param pids - process ids by name */
  constructor(private readonly pids: Record<string, number>) {
    this.start = this.read();
  }

  private read(): Record<string, number | null> {
    return Object.fromEntries(Object.entries(this.pids).map(([name, pid]) => [name, readCpuSeconds(pid)]));
  }

  /** CPU seconds used by each process since construction (rounded to 0.01). */
  used(): Record<string, number | null> {
    const now = this.read();
    return Object.fromEntries(
      Object.keys(this.pids).map((name) => {
        const before = this.start[name];
        const after = now[name];
        return [
          name,
          typeof before === 'number' && typeof after === 'number'
            ? Math.round((after - before) * 100) / 100
            : null,
        ];
      }),
    );
  }
}

/** One reading of every watched process. */
export interface RssSample {
  /** ms since the sampler started */
  atMs: number;
  /** Set by the caller (e.g. messages sent so far) to place the sample in the run. */
  progress: number;
  rssMb: Record<string, number | null>;
}

/** Samples the resident memory of named processes at a fixed interval. */
export class RssSampler {
  readonly samples: RssSample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly startedAt = performance.now();

  /**
   * @param pids - process ids by name (listener, worker…)
   * @param progress - read at each sample to place it in the run
   */
  constructor(
    private readonly pids: Record<string, number>,
    private readonly progress: () => number = () => 0,
  ) {}

  /**
   * Starts sampling (one sample now, then every `intervalMs`).
   * @param intervalMs - time between samples
   */
  start(intervalMs: number): this {
    this.sample();
    this.timer = setInterval(() => {
      this.sample();
    }, intervalMs);
    this.timer.unref();
    return this;
  }

  /** Takes a last sample and stops. */
  stop(): RssSample[] {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return this.samples;
  }

  /** Highest RSS seen per process, MB (rounded to 0.1). */
  peakMb(): Record<string, number | null> {
    return Object.fromEntries(
      Object.keys(this.pids).map((name) => {
        const values = this.samples.flatMap((s) => {
          const mb = s.rssMb[name];
          return typeof mb === 'number' ? [mb] : [];
        });
        return [name, values.length > 0 ? Math.round(Math.max(...values) * 10) / 10 : null];
      }),
    );
  }

  private sample(): void {
    this.samples.push({
      atMs: performance.now() - this.startedAt,
      progress: this.progress(),
      rssMb: Object.fromEntries(Object.entries(this.pids).map(([name, pid]) => [name, readRssMb(pid)])),
    });
  }
}
