/**
 * The time and memory one MLLP connection may spend on frames it has not finished. Slots are few
 * (`MLLP_MAX_CONNECTIONS`), so a peer that never completes a frame must not keep one: it gets a
 * first-frame deadline from connect, each frame gets an absolute deadline from its first byte (a
 * new start block does not restart it; only a completed frame does), and the bytes it has sent in
 * unfinished frames (the current one plus any it abandoned on the way) are capped.
 */

/** Why a connection is closed by its guard. */
export type FrameGuardViolation = 'first_frame_timeout' | 'frame_timeout' | 'buffer_limit';

/** What the guard reads from the connection's decoder after each chunk. */
export interface FrameState {
  /** A start block arrived and its frame has not ended. */
  frameOpen: boolean;
  /** Payload bytes held for the open frame. */
  bufferedBytes: number;
}

/** Limits and hooks of a {@link FrameGuard}. */
export interface FrameGuardOptions {
  firstFrameTimeoutMs: number;
  frameTimeoutMs: number;
  maxBufferedBytes: number;
  /** Whether the listener stopped reading (back-pressure): an unfinished frame is then its doing. */
  isPaused: () => boolean;
  /** Called once, with the bytes in unfinished frames at the time; the caller closes the connection. */
  onViolation: (violation: FrameGuardViolation, unfinishedBytes: number) => void;
}

/** Deadlines and the unfinished-bytes cap of one connection; call {@link FrameGuard.stop} on close. */
export class FrameGuard {
  private firstFrameTimer: NodeJS.Timeout | null;
  private frameTimer: NodeJS.Timeout | null = null;
  /** Bytes of frames abandoned since the last completed frame. */
  private abandonedBytes = 0;
  private lastState: FrameState = { frameOpen: false, bufferedBytes: 0 };
  private violated = false;

  /** @param options - limits, the back-pressure probe and the violation hook */
  constructor(private readonly options: FrameGuardOptions) {
    this.firstFrameTimer = setTimeout(() => {
      this.firstFrameTimer = null;
      this.violate('first_frame_timeout');
    }, options.firstFrameTimeoutMs);
    this.firstFrameTimer.unref();
  }

  /**
   * A frame ended: delivered, or refused as oversize (its remaining bytes are discarded, not held).
   * Only a delivered frame ends the first-frame deadline: a peer that sends nothing but oversize
   * frames has not sent a message.
   * @param delivered - false for an oversize frame
   */
  frameCompleted(delivered = true): void {
    if (delivered && this.firstFrameTimer !== null) clearTimeout(this.firstFrameTimer);
    if (delivered) this.firstFrameTimer = null;
    this.abandonedBytes = 0;
    this.stopFrameClock();
  }

  /**
   * The peer started a new frame before ending the last one; its bytes still count against the cap.
   * @param bytes - the abandoned fragment's length
   */
  frameAbandoned(bytes: number): void {
    this.abandonedBytes += bytes;
  }

  /**
   * Checks the connection after a chunk was decoded: starts the frame clock when a frame is open
   * and none runs, and enforces the cap.
   * @param state - the decoder after the chunk
   * @returns false when the connection was found over its limit (the violation hook has run)
   */
  afterChunk(state: FrameState): boolean {
    this.lastState = { frameOpen: state.frameOpen, bufferedBytes: state.bufferedBytes };
    if (!state.frameOpen) {
      this.abandonedBytes = 0;
      this.stopFrameClock();
      return !this.violated;
    }
    if (this.unfinishedBytes() > this.options.maxBufferedBytes) {
      this.violate('buffer_limit');
      return false;
    }
    if (this.frameTimer === null) this.startFrameClock();
    return !this.violated;
  }

  /** Stops every clock (the connection closed). */
  stop(): void {
    if (this.firstFrameTimer !== null) clearTimeout(this.firstFrameTimer);
    this.firstFrameTimer = null;
    this.stopFrameClock();
  }

  private unfinishedBytes(): number {
    return this.abandonedBytes + this.lastState.bufferedBytes;
  }

  private startFrameClock(): void {
    this.frameTimer = setTimeout(() => {
      this.frameTimer = null;
      // Paused by back-pressure: the frame is unfinished because the listener stopped reading.
      if (this.options.isPaused()) {
        this.startFrameClock();
        return;
      }
      this.violate('frame_timeout');
    }, this.options.frameTimeoutMs);
    this.frameTimer.unref();
  }

  private stopFrameClock(): void {
    if (this.frameTimer !== null) clearTimeout(this.frameTimer);
    this.frameTimer = null;
  }

  private violate(violation: FrameGuardViolation): void {
    if (this.violated) return;
    this.violated = true;
    const unfinished = this.unfinishedBytes();
    this.stop();
    this.options.onViolation(violation, unfinished);
  }
}
