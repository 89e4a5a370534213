import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameGuard, type FrameGuardViolation } from './frame-guard.js';

function guard(options: { paused?: () => boolean } = {}) {
  const violations: [FrameGuardViolation, number][] = [];
  const g = new FrameGuard({
    firstFrameTimeoutMs: 1_000,
    frameTimeoutMs: 500,
    maxBufferedBytes: 100,
    isPaused: options.paused ?? (() => false),
    onViolation: (violation, bytes) => violations.push([violation, bytes]),
  });
  return { g, violations };
}

const open = (bufferedBytes: number) => ({ frameOpen: true, bufferedBytes });
const closed = { frameOpen: false, bufferedBytes: 0 };

describe('FrameGuard', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('closes a connection with no complete frame by the first-frame deadline, once', () => {
    const { g, violations } = guard();
    vi.advanceTimersByTime(999);
    expect(violations).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(violations).toEqual([['first_frame_timeout', 0]]);
    vi.advanceTimersByTime(10_000);
    expect(violations).toHaveLength(1);
    g.stop();
  });

  it('keeps the first-frame deadline for a peer that sent only an oversize frame', () => {
    const { g, violations } = guard();
    g.afterChunk(open(50));
    g.frameCompleted(false);
    g.afterChunk(closed);
    vi.advanceTimersByTime(1_000);
    expect(violations).toEqual([['first_frame_timeout', 0]]);
  });

  it('times a frame from its first byte; abandoning it for a new start block does not restart the clock', () => {
    const { g, violations } = guard();
    g.frameCompleted();
    g.afterChunk(open(0));
    for (let i = 0; i < 4; i += 1) {
      vi.advanceTimersByTime(100);
      g.frameAbandoned(5);
      g.afterChunk(open(1));
    }
    vi.advanceTimersByTime(100);
    expect(violations).toEqual([['frame_timeout', 21]]);
  });

  it('restarts the clock for a frame that opens after one completed', () => {
    const { g, violations } = guard();
    g.afterChunk(open(10));
    vi.advanceTimersByTime(400);
    g.frameCompleted();
    g.afterChunk(open(3));
    vi.advanceTimersByTime(400);
    expect(violations).toEqual([]);
    g.frameCompleted();
    g.afterChunk(closed);
    vi.advanceTimersByTime(5_000);
    expect(violations).toEqual([]);
  });

  it('does not count time the listener itself stopped reading', () => {
    let paused = true;
    const { g, violations } = guard({ paused: () => paused });
    g.frameCompleted();
    g.afterChunk(open(10));
    vi.advanceTimersByTime(2_000);
    expect(violations).toEqual([]);
    paused = false;
    vi.advanceTimersByTime(500);
    expect(violations).toEqual([['frame_timeout', 10]]);
  });

  it('closes at once when unfinished frames, abandoned ones included, exceed the cap', () => {
    const { g, violations } = guard();
    g.frameCompleted();
    g.frameAbandoned(60);
    expect(g.afterChunk(open(40))).toBe(true);
    g.frameAbandoned(40);
    expect(g.afterChunk(open(1))).toBe(false);
    expect(violations).toEqual([['buffer_limit', 101]]);
  });

  it('forgets abandoned bytes once a frame completes', () => {
    const { g, violations } = guard();
    g.frameAbandoned(90);
    g.frameCompleted();
    expect(g.afterChunk(open(90))).toBe(true);
    expect(violations).toEqual([]);
    g.stop();
  });
});
