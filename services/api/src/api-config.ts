import type { ConfigWith } from '@adt/config';

/**
 * The configuration sections the API reads (sign-in; replays use the worker's attempt limit; the ops
 * pages show the alert thresholds; the interface sheet quotes the MLLP settings; subscriptions
 * check receivers against the webhook settings); a bad variable of another section does not stop it.
 */
export const apiSections = [
  'api',
  'signIn',
  'practice',
  'retention',
  'worker',
  'alerts',
  'mllp',
  'webhooks',
] as const;

/** The API's validated configuration. */
export type ApiConfig = ConfigWith<(typeof apiSections)[number]>;
