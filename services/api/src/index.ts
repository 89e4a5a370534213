export { startApi } from './api-server.js';
export type { RunningApi } from './api-server.js';
export { buildApp } from './app.js';
