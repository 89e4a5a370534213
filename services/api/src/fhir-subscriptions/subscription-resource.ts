import { z } from 'zod';
import {
  BACKPORT_FILTER_CRITERIA,
  BACKPORT_PAYLOAD_CONTENT,
  BACKPORT_SUBSCRIPTION_PROFILE,
  FHIR_SUBSCRIPTION_TOPICS,
} from '@adt/webhooks';

const extension = z.object({ url: z.string() }).loose();
const topics = Object.keys(FHIR_SUBSCRIPTION_TOPICS) as [string, ...string[]];

/**
 * An R4 Subscription as the Subscriptions Backport IG shapes a topic-based one: `criteria` is the
 * topic's canonical URL, the channel a `rest-hook` with an `application/fhir+json` payload whose
 * content is `id-only` or `empty`. Bounded: a subscriber writes it once.
 */
export const subscriptionResourceSchema = z
  .object({
    resourceType: z.literal('Subscription'),
    status: z.enum(['requested', 'active']).optional(),
    reason: z.string().min(1).max(1000),
    end: z.string().max(40).optional(),
    criteria: z.enum(topics, { message: `must be one of the topics: ${topics.join(', ')}` }),
    _criteria: z
      .object({ extension: z.array(extension).max(20).optional() })
      .loose()
      .optional()
      .refine(
        (criteria) => !criteria?.extension?.some((e) => e.url === BACKPORT_FILTER_CRITERIA),
        'filter criteria are not supported: subscribe to the whole topic',
      ),
    channel: z.object({
      type: z.literal('rest-hook', { message: 'only the rest-hook channel is supported' }),
      endpoint: z.string().max(2048),
      payload: z.literal('application/fhir+json', { message: 'must be application/fhir+json' }),
      _payload: z
        .object({ extension: z.array(extension).max(20).optional() })
        .loose()
        .optional(),
      header: z
        .array(
          z
            .string()
            .max(4096)
            .regex(/^[A-Za-z0-9-]+:\s?\S.*$/, 'must be "Name: value"'),
        )
        .max(10)
        .optional(),
    }),
    meta: z
      .object({ profile: z.array(z.string()).optional() })
      .loose()
      .optional(),
  })
  .loose();

/** An accepted Subscription. */
export type SubscriptionResource = z.infer<typeof subscriptionResourceSchema>;

/**
 * The payload content the channel asks for; `id-only` unless said.
 * @param resource - an accepted Subscription
 * @returns the content, or null for one not supported (`full-resource`)
 */
export function payloadContent(resource: SubscriptionResource): 'id-only' | 'empty' | null {
  const content = resource.channel._payload?.extension?.find((e) => e.url === BACKPORT_PAYLOAD_CONTENT);
  const code = content && 'valueCode' in content ? content.valueCode : 'id-only';
  return code === 'id-only' || code === 'empty' ? code : null;
}

/**
 * The resource as stored and read back: active, with the backport profile, and the channel's
 * header values hidden (they are credentials).
 * @param resource - an accepted Subscription
 */
export function storedResource(resource: SubscriptionResource): Record<string, unknown> {
  return {
    ...resource,
    status: 'active',
    meta: { ...resource.meta, profile: [BACKPORT_SUBSCRIPTION_PROFILE] },
    channel: {
      ...resource.channel,
      header: resource.channel.header?.map((line) => `${line.slice(0, line.indexOf(':'))}: ***`),
    },
  };
}
