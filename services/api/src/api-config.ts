import type { ConfigWith } from '@adt/config';

/**
 * The configuration sections the API reads (replays use the worker's attempt limit; the ops pages
 * show the alert thresholds; subscriptions check receivers against the webhook settings); a bad
 * variable of another section does not stop it.
 */
export const apiSections = ['api', 'practice', 'retention', 'worker', 'alerts', 'webhooks'] as const;

/** The API's validated configuration. */
export type ApiConfig = ConfigWith<(typeof apiSections)[number]>;
