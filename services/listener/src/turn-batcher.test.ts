import { describe, expect, it } from 'vitest';
import { TurnBatcher } from './turn-batcher.js';

/** A write whose batches are recorded and finished by the test. */
function controlledWrite() {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const write = (batch: number[]) =>
    new Promise<number[]>((resolve) => {
      batches.push(batch);
      finish.push(() => {
        resolve(batch.map((n) => n * 10));
      });
    });
  return { batches, finish, write };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('TurnBatcher', () => {
  it('writes items submitted in one turn as one batch and gives each its own result', async () => {
    const calls: number[][] = [];
    const spy = new TurnBatcher(
      (batch: number[]) => {
        calls.push(batch);
        return Promise.resolve(batch.map((n) => n * 10));
      },
      { maxBatch: 64, maxInFlight: 2 },
    );
    expect(await Promise.all([1, 2, 3].map((n) => spy.submit(n)))).toEqual([10, 20, 30]);
    expect(calls).toEqual([[1, 2, 3]]);
    expect(await spy.submit(7)).toBe(70);
    expect(calls).toEqual([[1, 2, 3], [7]]);
  });

  it('caps batches and in-flight writes; items waiting meanwhile form the next batch', async () => {
    const { batches, finish, write } = controlledWrite();
    const batcher = new TurnBatcher(write, { maxBatch: 2, maxInFlight: 1 });
    const results = [1, 2, 3].map((n) => batcher.submit(n));
    await turn();
    expect(batches).toEqual([[1, 2]]);
    const more = [4, 5].map((n) => batcher.submit(n));
    await turn();
    expect(batches).toHaveLength(1);
    finish[0]?.();
    await turn();
    await turn();
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    finish[1]?.();
    await turn();
    await turn();
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    finish[2]?.();
    expect(await Promise.all([...results, ...more])).toEqual([10, 20, 30, 40, 50]);
    await batcher.idle();
  });

  it('closes a batch when an item does not fit with it', async () => {
    const calls: number[][] = [];
    const batcher = new TurnBatcher(
      (batch: number[]) => {
        calls.push(batch);
        return Promise.resolve(batch);
      },
      { maxBatch: 64, maxInFlight: 1, fits: (batch, n) => !batch.includes(n) },
    );
    await Promise.all([1, 2, 1, 3].map((n) => batcher.submit(n)));
    expect(calls).toEqual([
      [1, 2],
      [1, 3],
    ]);
  });

  it('rejects every item of a failed batch and keeps serving later ones', async () => {
    let fail = true;
    const batcher = new TurnBatcher(
      (batch: number[]) => (fail ? Promise.reject(new Error('store down')) : Promise.resolve(batch)),
      { maxBatch: 64, maxInFlight: 2 },
    );
    const outcomes = await Promise.allSettled([1, 2].map((n) => batcher.submit(n)));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await batcher.submit(3)).toBe(3);
  });

  it('idle() waits for batches in flight', async () => {
    const { finish, write } = controlledWrite();
    const batcher = new TurnBatcher(write, { maxBatch: 64, maxInFlight: 2 });
    void batcher.submit(1);
    let idle = false;
    const waiting = batcher.idle().then(() => {
      idle = true;
    });
    await turn();
    expect(idle).toBe(false);
    finish[0]?.();
    await waiting;
    expect(idle).toBe(true);
  });

  it('with a delay, gathers items submitted across turns into one write', async () => {
    const calls: number[][] = [];
    const batcher = new TurnBatcher(
      (batch: number[]) => {
        calls.push(batch);
        return Promise.resolve(batch);
      },
      { maxBatch: 64, maxInFlight: 1, delayMs: 20 },
    );
    const first = batcher.submit(1);
    await turn();
    const second = batcher.submit(2);
    await Promise.all([first, second]);
    expect(calls).toEqual([[1, 2]]);
  });
});
