import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runService } from './shutdown.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('runService', () => {
  it('logs a failed start-up with the error and its stack, then exits 1', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    await runService(pino(destination), () => Promise.reject(new Error('database unreachable')));
    expect(exit).toHaveBeenCalledWith(1);
    const line = JSON.parse(lines.join('')) as { level: number; err: { message: string; stack: string } };
    expect(line.level).toBe(60);
    expect(line.err.message).toBe('database unreachable');
    expect(line.err.stack).toMatch(/run-service\.test\.ts/);
  });

  it('leaves a successful start-up running', async () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    await runService(pino({ level: 'silent' }), () => Promise.resolve());
    expect(exit).not.toHaveBeenCalled();
  });
});
