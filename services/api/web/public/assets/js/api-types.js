// @ts-check
// The API's answers as the pages use them, named from the types generated out of the API's own
// OpenAPI document (web/types/api.d.ts, `npm run web-types -w @adt/api`): a page cannot drift
// from what the API sends.

/**
 * The JSON a GET route answers with 200.
 * @template {keyof import('../../../types/api').paths} P
 * @typedef {Exclude<import('../../../types/api').paths[P], string>} GetJson
 */

/** @typedef {GetJson<'/api/session'>} Session */
/** @typedef {NonNullable<Session['user']>} Who */
/** @typedef {GetJson<'/api/worklist'>['items'][number]} FollowUp */
/** @typedef {GetJson<'/api/follow-ups/{id}'>} FollowUpDetail */
/** @typedef {FollowUpDetail['actions'][number]} CareAction */
/** @typedef {FollowUpDetail['sourceMessages'][number]} SourceMessage */
/** @typedef {GetJson<'/api/messages'>['items'][number]} Message */
/** @typedef {GetJson<'/api/messages/{id}'>} MessageDetail */
/** @typedef {GetJson<'/api/facilities'>['items'][number]} Facility */
/** @typedef {GetJson<'/api/ops/sandbox'>['items'][number]} SandboxMessage */
/** @typedef {GetJson<'/api/subscriptions'>['items'][number]} WebhookSubscription */
/** @typedef {GetJson<'/api/webhook-deliveries'>['items'][number]} WebhookDelivery */

export {};
