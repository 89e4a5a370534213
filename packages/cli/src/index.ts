export { MllpClient } from './mllp-client.js';
export { sendCommand } from './commands/send.js';
