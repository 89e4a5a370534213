export { loadConfig, ConfigError, allSections, variableNames } from './config.js';
export type {
  AlertSettings,
  AppConfig,
  ConfigWith,
  FileDropSettings,
  MllpTlsSettings,
  SectionName,
} from './config.js';
