/**
 * Gathers work that arrives within one event-loop turn into batches (group commit): whatever the
 * connections handed over while the previous batch was being written goes out together on the
 * next turn. A fixed time window would make a lone sender wait for nothing; flushing on the next
 * turn costs it almost nothing, and under load the batches grow by themselves while earlier ones
 * are in flight.
 */

/** Limits of a {@link TurnBatcher}. */
export interface TurnBatcherOptions<T> {
  /** Largest batch. */
  maxBatch: number;
  /** Batches written at once; more pending items wait and join the next batch. */
  maxInFlight: number;
  /**
   * Whether `item` may join a batch that already holds `batch` (e.g. not two messages with the
   * same control id); when false the batch is closed and the item starts the next one.
   */
  fits?: (batch: readonly T[], item: T) => boolean;
  /**
   * Wait this long before writing instead of the next turn: for work off the ACK path, where a
   * few milliseconds cost nobody anything and a lone sender's items then share one write.
   */
  delayMs?: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** Runs `write` on batches of submitted items; each submitter gets its own item's result. */
export class TurnBatcher<T, R> {
  private pending: Pending<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly idleWaiters: (() => void)[] = [];

  /**
   * @param write - writes one batch and returns one result per item, in order
   * @param options - batch size, concurrency and the fit rule
   */
  constructor(
    private readonly write: (batch: T[]) => Promise<R[]>,
    private readonly options: TurnBatcherOptions<T>,
  ) {}

  /**
   * Adds an item to the next batch.
   * @param item - the work
   * @returns the item's result once its batch is written; rejects when the batch fails
   */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once nothing is pending or in flight (graceful stop). */
  idle(): Promise<void> {
    if (this.pending.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.pending.length === 0) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.flush();
    };
    if (this.options.delayMs === undefined) setImmediate(run);
    else setTimeout(run, this.options.delayMs);
  }

  private flush(): void {
    while (this.inFlight < this.options.maxInFlight && this.pending.length > 0) {
      const batch = this.take();
      this.inFlight += 1;
      this.write(batch.map((p) => p.item))
        .then(
          (results) => {
            batch.forEach((p, i) => {
              if (i < results.length) p.resolve(results[i] as R);
              else p.reject(new Error('batch write returned too few results'));
            });
          },
          (error: unknown) => {
            for (const p of batch) p.reject(error);
          },
        )
        .finally(() => {
          this.inFlight -= 1;
          this.schedule();
          if (this.pending.length === 0 && this.inFlight === 0) {
            for (const wake of this.idleWaiters.splice(0)) wake();
          }
        });
    }
  }

  private take(): Pending<T, R>[] {
    const { maxBatch, fits } = this.options;
    const batch: Pending<T, R>[] = [];
    const items: T[] = [];
    while (batch.length < maxBatch) {
      const next = this.pending[0];
      if (!next || (fits && items.length > 0 && !fits(items, next.item))) break;
      this.pending.shift();
      batch.push(next);
      items.push(next.item);
    }
    return batch;
  }
}
