/**
 * Runs a task every interval, never two runs at once, until stopped: the shape of every periodic
 * job (the alert loop, the enqueue sweep, retention). A tick that finds the previous run still
 * going is skipped rather than queued, so a slow run never piles up work behind it.
 */

/** A running loop. */
export interface IntervalLoop {
  /** Stops scheduling and resolves when a run in progress has finished. */
  stop: () => Promise<void>;
}

/** Options for {@link startIntervalLoop}. */
export interface IntervalLoopOptions {
  intervalMs: number;
  /** When the first run comes; one interval after start when not given. */
  firstRunMs?: number;
  /** Hears a run's failure; the next interval runs again. */
  onError: (error: unknown) => void;
}

/**
 * Starts running `task` on an interval. The timers do not keep the process alive.
 * @param task - one run
 * @param options - interval, first run and failure handler
 */
export function startIntervalLoop(task: () => Promise<unknown>, options: IntervalLoopOptions): IntervalLoop {
  let running: Promise<void> | null = null;
  const tick = (): void => {
    if (running) return;
    running = task()
      .then(
        () => undefined,
        (error: unknown) => {
          options.onError(error);
        },
      )
      .finally(() => {
        running = null;
      });
  };
  const first = options.firstRunMs === undefined ? null : setTimeout(tick, options.firstRunMs);
  const timer = setInterval(tick, options.intervalMs);
  first?.unref();
  timer.unref();
  return {
    stop: async () => {
      if (first) clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
