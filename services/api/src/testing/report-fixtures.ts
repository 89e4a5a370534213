import type { Queryable } from '@adt/db';
import {
  insertCareAction,
  insertEncounter,
  insertFollowUp as insertMeasureFollowUp,
  insertPatient as insertMeasurePatient,
} from './measure-seed.js';

/**
 * Rows for report tests, written straight into the store so each test states exactly the
 * patients, encounters, follow-ups and care actions its hand-computed figures rest on: the rows of
 * `measure-seed.ts`, with the defaults these tests share.
 */

/** A wall-clock time in a zone at a fixed UTC offset, e.g. `at('2026-09-03T14:00', '-04:00')`. */
export const at = (wallClock: string, offset: string): Date => new Date(`${wallClock}:00${offset}`);

/**
 * A patient with its MR identifier.
 * @param mrn - medical record number (also names the family, `FAM-<mrn>`)
 * @param authority - its assigning authority
 */
export const insertPatient = (db: Queryable, mrn: string, authority = 'GENERAL_HOSP'): Promise<string> =>
  insertMeasurePatient(db, { mrn, authority });

export { insertEncounter };

/** A follow-up, open unless a status is given. */
export const insertFollowUp = (
  db: Queryable,
  f: Parameters<typeof insertMeasureFollowUp>[1],
): Promise<string> => insertMeasureFollowUp(db, { status: 'open', ...f });

/** A care action by `user:test` unless an actor is given. */
export const insertAction = (
  db: Queryable,
  followUpId: string,
  type: string,
  when: Date,
  extra: Parameters<typeof insertCareAction>[4] = {},
): Promise<void> => insertCareAction(db, followUpId, type, when, { actor: 'user:test', ...extra });
