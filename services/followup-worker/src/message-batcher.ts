/**
 * Gathers the jobs the queue hands the worker into batches: each job's processor submits its
 * message id and waits for its own result. A batch starts as soon as a slot is free, with every
 * id that arrived meanwhile (up to the batch size), so a quiet queue applies each message at once
 * and a backlog fills batches by itself. The queue still owns each job (its lock, retries and
 * stalls), so several worker processes share the work exactly as with one job at a time.
 */

/** Runs one batch; resolves with each id's result (a missing one counts as an error). */
export type BatchRunner<R> = (
  ids: readonly string[],
) => Promise<Map<string, { ok: true; value: R } | { ok: false; error: unknown }>>;

/** Options of a {@link MessageBatcher}. */
export interface MessageBatcherOptions<R> {
  /** Most messages in one batch. */
  maxBatch: number;
  /** Batches running at once (transactions in flight). */
  maxInFlight: number;
  run: BatchRunner<R>;
}

interface Waiting<R> {
  id: string;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/** See the file comment. */
export class MessageBatcher<R> {
  private readonly waiting: Waiting<R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly options: MessageBatcherOptions<R>) {}

  /**
   * Submits a message and waits for its result.
   * @param id - the message id
   */
  submit(id: string): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ id, resolve, reject });
      this.schedule();
    });
  }

  /** Batches running now (for tests and metrics). */
  get running(): number {
    return this.inFlight;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the current turn: the jobs the queue hands over together land in one batch.
    setImmediate(() => {
      this.scheduled = false;
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.waiting.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.runBatch(batch).finally(() => {
        this.inFlight -= 1;
        if (this.waiting.length > 0) this.schedule();
      });
    }
  }

  private async runBatch(batch: Waiting<R>[]): Promise<void> {
    let results: Awaited<ReturnType<BatchRunner<R>>>;
    try {
      results = await this.options.run(batch.map((w) => w.id));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    for (const w of batch) {
      const result = results.get(w.id);
      if (!result) w.reject(new Error(`batch gave no result for message ${w.id}`));
      else if (result.ok) w.resolve(result.value);
      else w.reject(result.error);
    }
  }
}
