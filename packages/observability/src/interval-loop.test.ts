import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startIntervalLoop } from './interval-loop.js';

describe('startIntervalLoop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the task every interval, the first one interval after start', async () => {
    const task = vi.fn(() => Promise.resolve());
    const loop = startIntervalLoop(task, { intervalMs: 1_000, onError: () => undefined });
    await vi.advanceTimersByTimeAsync(999);
    expect(task).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(2_001);
    expect(task).toHaveBeenCalledTimes(3);
    await loop.stop();
  });

  it('runs the first time after firstRunMs when given', async () => {
    const task = vi.fn(() => Promise.resolve());
    const loop = startIntervalLoop(task, { intervalMs: 10_000, firstRunMs: 100, onError: () => undefined });
    await vi.advanceTimersByTimeAsync(100);
    expect(task).toHaveBeenCalledTimes(1);
    await loop.stop();
  });

  it('skips ticks while a run is still going, then runs again', async () => {
    let finish = (): void => undefined;
    const task = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    const loop = startIntervalLoop(task, { intervalMs: 100, onError: () => undefined });
    await vi.advanceTimersByTimeAsync(550);
    expect(task).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(task).toHaveBeenCalledTimes(2);
    finish();
    await loop.stop();
  });

  it('hands a failure to onError and keeps running', async () => {
    const errors: unknown[] = [];
    const task = vi.fn(() => Promise.reject(new Error('down')));
    const loop = startIntervalLoop(task, { intervalMs: 100, onError: (error) => errors.push(error) });
    await vi.advanceTimersByTimeAsync(200);
    expect(task).toHaveBeenCalledTimes(2);
    expect(errors.map((e) => (e as Error).message)).toEqual(['down', 'down']);
    await loop.stop();
  });

  it('stops scheduling, and stop waits for the run in progress', async () => {
    let finish = (): void => undefined;
    const task = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    const loop = startIntervalLoop(task, { intervalMs: 100, firstRunMs: 10, onError: () => undefined });
    await vi.advanceTimersByTimeAsync(10);
    let stopped = false;
    const stopping = loop.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(task).toHaveBeenCalledTimes(1);
  });
});
