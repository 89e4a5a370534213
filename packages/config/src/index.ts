export { loadConfig, ConfigError } from './config.js';
export type { AlertSettings, AppConfig, MllpTlsSettings } from './config.js';
