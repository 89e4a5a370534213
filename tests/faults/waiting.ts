/** Waiting in the fault suite: a pause, and polling a condition until a deadline. */

export const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Polls `check` every 50 ms until it holds.
 * @param timeoutMs - how long it may take
 * @param what - what is waited for, named in the error when it does not come
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${String(timeoutMs)} ms`);
    await sleep(50);
  }
}
