import type { RulesConfig } from '@adt/adt';

/** The practice settings processing a message reads. */
export interface ProcessingSettings {
  rules: RulesConfig;
  /** `DEFAULT_TEAM`; null routes to the team marked default. */
  defaultTeam: string | null;
  /** Zone for timestamps without an offset (the sending facility's; default the practice's). */
  zoneForFacility: (facility: string) => string;
}
