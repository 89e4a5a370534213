/**
 * What the worker's measure tests pass to the report's queries: September in the test zone, the
 * measures' windows and readmission rules, and numbered test messages. Not part of the build.
 */
import { READMISSION_EXCLUDED_DISPOSITIONS, READMISSION_WINDOW_DAYS } from '@adt/adt';
import type { MeasureScope } from '@adt/db';
import type { TestAdt } from './adt-test-messages.js';
import { TEST_ZONE } from './apply-harness.js';

export const SEPTEMBER: MeasureScope = {
  from: '2026-09-01',
  to: '2026-09-30',
  timeZone: TEST_ZONE,
  teams: null,
  facility: null,
};
export const WINDOWS = { visitDays: [7, 14] as const, medRecDays: 30, edContactDays: 7 };
export const RULES = {
  excludedDispositions: READMISSION_EXCLUDED_DISPOSITIONS,
  windowDays: READMISSION_WINDOW_DAYS,
};

/**
 * Inpatient test messages with control ids `<prefix>1`, `<prefix>2`, …
 * @param prefix - keeps one file's control ids apart from another's
 */
export function numberedAdt(prefix: string): (fields: Omit<TestAdt, 'controlId'>) => TestAdt {
  let controlIds = 0;
  return (fields) => {
    controlIds += 1;
    return { controlId: `${prefix}${String(controlIds)}`, patientClass: 'I', ...fields };
  };
}
