export { loadConfig, ConfigError, allSections, variableNames } from './config.js';
export type {
  AlertSettings,
  AppConfig,
  ConfigWith,
  FileDropSettings,
  MllpTlsSettings,
  OidcSettings,
  SectionName,
  WebhookSettings,
} from './config.js';
export type { GroupMapping } from './env-values.js';
