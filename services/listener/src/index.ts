export { startListener } from './listener.js';
export type { RunningListener } from './listener.js';
