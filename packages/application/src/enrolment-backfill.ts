/**
 * Back-fill for newly enrolled patients. While a roster is loaded, events for patients not on it
 * are applied but create no follow-up; when such a patient is enrolled, the follow-ups they would
 * have had are created if they are still within their window.
 *
 * The rule: for each of the patient's encounters, the routing rules are re-run on the encounter's
 * stored state, and a follow-up they plan is created only when its call is not yet past due (its
 * due instant, e.g. the end of the 2nd business day after discharge, is at or after the import).
 * The encounter's state stands in for its last event:
 * - discharged (PV1-45 stored, or the last event was an A03): the end-of-stay rules run as for an
 *   A08, which creates only a kind of follow-up the encounter never had, so nothing cancelled or
 *   done comes back;
 * - an ED encounter without a discharge: the ED arrival rule (due the business day after arrival);
 * - anything else (still admitted, a visit or discharge cancelled by A11 / A13, a deceased or merged
 *   patient): nothing.
 * Only creations are applied; cancels and timeline entries already happened when the events were.
 */
import type pg from 'pg';
import { planFollowUpEffects, type AdtEventInput, type RulesConfig } from '@adt/adt';
import {
  findEncounterFollowUps,
  findPatientsOfRosterEntries,
  importRosterEntries,
  lockBackfillCandidates,
  recordAudit,
  withTransaction,
  type BackfillCandidate,
  type Queryable,
  type RosterEntryInput,
  type RosterImportResult,
} from '@adt/db';
import { createRoutedFollowUp, type RoutingSettings } from './follow-up-routing.js';

/** Encounters older than this cannot have a call still due (the longest clock is days long). */
const BACKFILL_LOOKBACK_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the back-fill needs: the routing rules' settings, routing settings and the current time. */
export interface BackfillSettings extends RoutingSettings {
  rules: RulesConfig;
  /** The import time; follow-ups due before it are not created. */
  now: Date;
}

/** What the back-fill created and what it left out. */
export interface BackfillOutcome {
  created: { patientId: string; encounterId: string; followUpId: string; kind: string }[];
  /** Follow-ups the rules would have created whose call was already past due. */
  pastDue: number;
}

/** The event the encounter's stored state stands for, or null when it calls for no follow-up. */
function standInEvent(row: BackfillCandidate, now: Date): AdtEventInput | null {
  const lastEvent = row.lastEventType?.trim().toUpperCase() ?? '';
  if (lastEvent === 'A11' || lastEvent === 'A13') return null;
  const dischargeAt = row.dischargedAt ?? (lastEvent === 'A03' ? row.lastEventAt : null);
  const isEd = row.patientClass.trim().toUpperCase() === 'E';
  if (dischargeAt === null && !isEd) return null;
  return {
    eventType: dischargeAt === null ? 'A04' : 'A08',
    occurredAt: row.lastEventAt ?? now,
    patientClass: row.patientClass,
    hospitalService: row.hospitalService,
    patientType: row.patientType,
    dischargeDisposition: row.disposition,
    admitAt: row.admittedAt,
    dischargeAt,
    deceased: false,
  };
}

/**
 * Creates the follow-ups newly enrolled patients would have had and that are still within their
 * window (see the file comment for the rule). Locks each encounter it looks at, like the worker.
 * @param db - a transaction client (the roster import's)
 * @param patientIds - the patients just enrolled
 * @param settings - rules, routing settings and the import time
 */
export async function backfillFollowUps(
  db: Queryable,
  patientIds: readonly string[],
  settings: BackfillSettings,
): Promise<BackfillOutcome> {
  const outcome: BackfillOutcome = { created: [], pastDue: 0 };
  const candidates = await lockBackfillCandidates(
    db,
    patientIds,
    new Date(settings.now.getTime() - BACKFILL_LOOKBACK_DAYS * DAY_MS),
  );
  for (const row of candidates) {
    const event = standInEvent(row, settings.now);
    if (!event) continue;
    const effects = planFollowUpEffects(event, await findEncounterFollowUps(db, row.id), settings.rules);
    for (const effect of effects) {
      if (effect.type !== 'create') continue;
      if (effect.dueAt < settings.now) {
        outcome.pastDue += 1;
        continue;
      }
      const result = await createRoutedFollowUp(db, effect, row, settings);
      if (result.status === 'created') {
        outcome.created.push({
          patientId: row.patientId,
          encounterId: row.id,
          followUpId: result.followUpId,
          kind: effect.kind,
        });
      }
    }
  }
  return outcome;
}

/**
 * `roster import`: in one transaction, adds or refreshes the entries, back-fills the patients the
 * import enrolled (new or returning entries that match stored patients) and writes an audit entry
 * with the counts (no patient data).
 * @param entries - validated roster rows, each patient once
 * @param options - `replace` (the entries are the whole roster), who imports, back-fill settings
 */
export async function importRoster(
  pool: pg.Pool,
  entries: readonly RosterEntryInput[],
  options: { replace: boolean; actor: string; backfill: Omit<BackfillSettings, 'now'> },
): Promise<{ imported: RosterImportResult; backfill: BackfillOutcome }> {
  return withTransaction(pool, async (db) => {
    const imported = await importRosterEntries(db, entries, { replace: options.replace });
    const patients = await findPatientsOfRosterEntries(db, imported.enrolledEntryIds);
    const backfill = await backfillFollowUps(db, patients, { ...options.backfill, now: new Date() });
    const { enrolledEntryIds: _ids, ...counts } = imported;
    await recordAudit(db, {
      actor: options.actor,
      action: 'roster_import',
      resource: 'roster',
      detail: { ...counts, backfilled: backfill.created.length, backfillPastDue: backfill.pastDue },
    });
    return { imported, backfill };
  });
}
