import type { ConfigWith } from '@adt/config';

/**
 * The configuration sections the listener reads (requeues use the worker's attempt limit; it runs
 * an alert evaluator, and the file drop when it is configured); a bad variable of another section does not stop it.
 */
export const listenerSections = ['mllp', 'ops', 'listener', 'worker', 'alerts', 'fileDrop'] as const;

/** The listener's validated configuration. */
export type ListenerConfig = ConfigWith<(typeof listenerSections)[number]>;
