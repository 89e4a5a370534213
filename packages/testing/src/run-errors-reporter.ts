import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/** One failure in `test-results/run-errors.json`. */
export interface RunError {
  kind: 'test' | 'file' | 'unhandled';
  /** Test file relative to the workspace. */
  file: string | null;
  /** The test's full name; null for a file's hooks or an error outside any test. */
  test: string | null;
  message: string;
  /** The first frames of the stack: enough to find the place, short enough for a CI log's tail. */
  stack: string | null;
}

const STACK_FRAMES = 6;

function shortStack(stack: string | undefined): string | null {
  if (stack === undefined) return null;
  // Frames only: the message above them is already in `message`.
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length === 0 ? null : frames.slice(0, STACK_FRAMES).join('\n');
}

function unhandledOrigin(error: SerializedError, root: string): { file: string | null; test: string | null } {
  // Vitest tags an unhandled error with the file (and the test, when one was running) it arose in.
  const testPath = error.VITEST_TEST_PATH;
  const testName = error.VITEST_TEST_NAME;
  return {
    file: typeof testPath === 'string' ? path.relative(root, testPath) : null,
    test: typeof testName === 'string' ? testName : null,
  };
}

/**
 * Writes every failed test, failed file (hook errors) and unhandled error of the run to
 * `test-results/run-errors.json`, so the closing summary of `npm test` can repeat them at the end
 * of a long CI log, where only the tail may be kept. Written on every run, empty when all passed.
 */
export default class RunErrorsReporter implements Reporter {
  private root = process.cwd();

  onInit(vitest: { config: { root: string } }): void {
    this.root = vitest.config.root;
  }

  onTestRunEnd(testModules: readonly TestModule[], unhandledErrors: readonly SerializedError[]): void {
    const errors: RunError[] = [];
    for (const testModule of testModules) {
      const file = path.relative(this.root, testModule.moduleId);
      for (const error of testModule.errors()) {
        errors.push({
          kind: 'file',
          file,
          test: null,
          message: error.message,
          stack: shortStack(error.stack),
        });
      }
      // A failing beforeAll/afterAll inside a describe fails that suite, not the file or a test.
      for (const suite of testModule.children.allSuites()) {
        for (const error of suite.errors()) {
          errors.push({
            kind: 'file',
            file,
            test: suite.fullName,
            message: error.message,
            stack: shortStack(error.stack),
          });
        }
      }
      for (const test of testModule.children.allTests()) {
        const result = test.result();
        if (result.state !== 'failed') continue;
        const [first] = result.errors;
        errors.push({
          kind: 'test',
          file,
          test: test.fullName,
          message: first?.message ?? 'failed',
          stack: shortStack(first?.stack),
        });
      }
    }
    for (const error of unhandledErrors) {
      errors.push({
        kind: 'unhandled',
        ...unhandledOrigin(error, this.root),
        message: `${error.name ?? 'Error'}: ${error.message}`,
        stack: shortStack(error.stack),
      });
    }
    const dir = path.join(this.root, 'test-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'run-errors.json'), `${JSON.stringify(errors, null, 2)}\n`);
  }
}
