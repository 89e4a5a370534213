export { loadConfig, ConfigError } from './config.js';
export type { AppConfig } from './config.js';
