export { startListener } from './listener.js';
export type { ListenerOptions, RunningListener } from './listener.js';
