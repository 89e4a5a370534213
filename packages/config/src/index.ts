export { loadConfig, ConfigError, allSections } from './config.js';
export type { AlertSettings, AppConfig, ConfigWith, MllpTlsSettings, SectionName } from './config.js';
