import type { ConfigWith } from '@adt/config';

/**
 * The configuration sections the follow-up worker reads; a bad variable of another section does
 * not stop it.
 */
export const workerSections = ['worker', 'ops', 'practice', 'retention', 'alerts', 'webhooks'] as const;

/** The worker's validated configuration. */
export type WorkerConfig = ConfigWith<(typeof workerSections)[number]>;
