export { loadConfig, ConfigError } from './config.js';
export type { AlertSettings, AppConfig } from './config.js';
