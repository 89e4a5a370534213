export { createTestDatabase, serverUrl, testRedisUrl, testQueuePrefix } from './test-database.js';
export type { TestDatabase } from './test-database.js';
export { metricValue, scrapeMetrics } from './prometheus-text.js';
export { hl7Segment, hl7TestMessage, TEST_SENDING_FACILITY } from './hl7-test-message.js';
export type { Hl7Fields, Hl7TestMessage } from './hl7-test-message.js';
export { MllpPeer } from './mllp-peer.js';
export type { MllpTestFrame } from './mllp-peer.js';
export { PATIENT_CONTEXT_FIXTURE } from './patient-context-fixture.js';
export { freePort, until } from './waiting.js';
