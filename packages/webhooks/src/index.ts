export * from './receiver-address.js';
export * from './retry-delay.js';
export * from './webhook-delivery.js';
export * from './webhook-events.js';
export * from './webhook-secret.js';
export * from './fhir-notification.js';
