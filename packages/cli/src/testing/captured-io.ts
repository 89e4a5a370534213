import type { CommandIo } from '../commands/user.js';

/** Command IO that keeps the lines a command writes, for a test to read. */
export interface CapturedIo extends CommandIo {
  stdout: string[];
  stderr: string[];
}

/** A command's exit code and the lines it wrote. */
export interface CommandRun {
  code: number;
  stdout: string[];
  stderr: string[];
}

/**
 * IO that keeps what a command writes.
 * @param stdin - what the command reads when it reads stdin (a piped password)
 */
export function capturedIo(stdin = ''): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    readStdin: () => Promise.resolve(stdin),
  };
}

/**
 * Runs a command on {@link capturedIo} and returns what it wrote with its exit code.
 * @param command - the command, given the IO to write to
 */
export async function runCaptured(
  command: (io: CommandIo) => Promise<number>,
  stdin = '',
): Promise<CommandRun> {
  const io = capturedIo(stdin);
  const code = await command(io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}
