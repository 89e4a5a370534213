import { describe, expect, it } from 'vitest';
import { MessageBatcher } from './message-batcher.js';

describe('MessageBatcher', () => {
  it('puts what arrives in one turn into one batch, up to the batch size', async () => {
    const batches: string[][] = [];
    const batcher = new MessageBatcher<string>({
      maxBatch: 3,
      maxInFlight: 1,
      run: (ids) => {
        batches.push([...ids]);
        return Promise.resolve(new Map(ids.map((id) => [id, { ok: true as const, value: `done ${id}` }])));
      },
    });
    const results = await Promise.all(['1', '2', '3', '4', '5'].map((id) => batcher.submit(id)));
    expect(results).toEqual(['done 1', 'done 2', 'done 3', 'done 4', 'done 5']);
    expect(batches).toEqual([
      ['1', '2', '3'],
      ['4', '5'],
    ]);
  });

  it('fails only the message whose result is an error', async () => {
    const batcher = new MessageBatcher<string>({
      maxBatch: 10,
      maxInFlight: 2,
      run: (ids) =>
        Promise.resolve(
          new Map(
            ids.map((id) => [
              id,
              id === 'bad'
                ? { ok: false as const, error: new Error('poison') }
                : { ok: true as const, value: id },
            ]),
          ),
        ),
    });
    const settled = await Promise.allSettled(['a', 'bad', 'c'].map((id) => batcher.submit(id)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('keeps at most maxInFlight batches running', async () => {
    let running = 0;
    let most = 0;
    const batcher = new MessageBatcher<string>({
      maxBatch: 1,
      maxInFlight: 2,
      run: async (ids) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return new Map(ids.map((id) => [id, { ok: true as const, value: id }]));
      },
    });
    await Promise.all(['1', '2', '3', '4', '5'].map((id) => batcher.submit(id)));
    expect(most).toBe(2);
  });
});
