export { loadConfig, ConfigError, allSections, variableNames } from './config.js';
export type {
  AlertSettings,
  AppConfig,
  ConfigWith,
  MllpTlsSettings,
  SectionName,
  WebhookSettings,
} from './config.js';
