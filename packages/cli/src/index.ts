// The client lives beside the framing in `@adt/hl7`; re-exported for the callers that take it from here.
export { MllpClient } from '@adt/hl7';
export { sendCommand } from './commands/send.js';
