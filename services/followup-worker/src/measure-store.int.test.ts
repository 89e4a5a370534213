/**
 * The impact-measure queries over a store built by the worker from HL7: what the report reads (the
 * TCM due time, a cancelled discharge, a death, identifiers shared across hospitals) is what
 * processing leaves behind. The figures themselves are tested in the API's reports test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMeasureFollowUps, listMeasureIndexDischarges } from '@adt/db';
import { applyMessage } from '@adt/application';
import { adtMessage, type TestAdt } from './testing/adt-test-messages.js';
import { createApplyHarness, endOfDay, TEST_ZONE, type ApplyHarness } from './testing/apply-harness.js';
import { numberedAdt, RULES, SEPTEMBER, WINDOWS } from './testing/measure-queries-setup.js';

const adt = numberedAdt('MS');

/** The message from another hospital, with an HIE id as a second PID-3 repetition. */
function withHieId(m: TestAdt, hieId: string, facility = 'GENERAL_HOSP'): string {
  const authority = m.authority ?? 'GENERAL_HOSP';
  return adtMessage(m)
    .replace(`|${m.mrn}^^^${authority}^MR|`, `|${m.mrn}^^^${authority}^MR~${hieId}^^^HIE^PI|`)
    .replace('|EPIC|GENERAL_HOSP|', `|EPIC|${facility}|`);
}

describe('measure queries over a store the worker built', () => {
  let h: ApplyHarness;

  beforeAll(async () => {
    h = await createApplyHarness('measurestore');
    // Labor Day, Monday 7 September 2026.
    h.deps.rules.calendar = { zone: TEST_ZONE, holidays: new Set(['2026-09-07']) };
  });

  afterAll(async () => {
    await h.close();
  });

  const applyText = async (text: string) => applyMessage(h.deps, await h.store(text));
  /** An inpatient stay as the hospital sends it: an A01 at the admission, an A03 at the discharge. */
  const stay = async (
    mrn: string,
    visit: string,
    admit: string,
    discharge: string,
    a03: { disposition: string; deceased?: boolean },
  ) => {
    await h.apply(adt({ event: 'A01', mrn, visit, at: admit, admit }));
    await h.apply(adt({ event: 'A03', mrn, visit, at: discharge, admit, discharge, ...a03 }));
  };

  it('reads the TCM due time the worker set past a holiday, and actions by their time', async () => {
    await stay('HOL-1', 'V-HOL', '202608300900', '202609031400', { disposition: '01' });
    const [followUp] = await h.followUpsOf('HOL-1');
    // Thursday 3 September: Friday 4 is the first business day, Tuesday 8 (after Labor Day) the second.
    expect(followUp?.dueAt).toBe(endOfDay('2026-09-08'));
    await h.logAction(followUp, {
      type: 'contact_made',
      at: new Date('2026-09-08T16:00:00-04:00'),
      actor: 'navigator:test',
    });
    const members = await listMeasureFollowUps(h.db.pool, SEPTEMBER, WINDOWS);
    expect(members.find((m) => m.patient.mrn === 'HOL-1')).toMatchObject({
      eventDate: '2026-09-03',
      contactByDue: true,
      firstContactHours: 122,
    });
  });

  it('leaves cancelled discharges (A13) and deaths out of every denominator', async () => {
    // A13 after work was logged: the follow-up stays, flagged. A13 without work: cancelled.
    for (const [mrn, logWork] of [
      ['A13-WORK', true],
      ['A13-NONE', false],
    ] as const) {
      const visit = `V-${mrn}`;
      await stay(mrn, visit, '202609100900', '202609141000', { disposition: '01' });
      if (logWork) {
        const [followUp] = await h.followUpsOf(mrn);
        await h.logAction(followUp, {
          type: 'contact_made',
          at: new Date('2026-09-14T15:00:00-04:00'),
          actor: 'navigator:test',
        });
      }
      await h.apply(adt({ event: 'A13', mrn, visit, at: '202609141200', admit: '202609100900' }));
    }
    const [flagged] = await h.followUpsOf('A13-WORK');
    expect(flagged).toMatchObject({ dischargeCancelled: true });
    expect((await h.followUpsOf('A13-NONE'))[0]).toMatchObject({ status: 'cancelled' });

    await stay('DIED-1', 'V-DIED', '202609110900', '202609151000', { disposition: '20', deceased: true });
    expect((await h.followUpsOf('DIED-1')).every((f) => f.status === 'cancelled')).toBe(true);

    const excluded = new Set(['A13-WORK', 'A13-NONE', 'DIED-1']);
    const followUps = await listMeasureFollowUps(h.db.pool, SEPTEMBER, WINDOWS);
    expect(followUps.filter((m) => excluded.has(m.patient.mrn))).toEqual([]);
    const discharges = await listMeasureIndexDischarges(h.db.pool, SEPTEMBER, RULES);
    expect(discharges.filter((m) => excluded.has(m.patient.mrn))).toEqual([]);
  });

  it('finds a readmission at another hospital through a shared PID-3 identifier', async () => {
    await applyText(
      withHieId(
        adt({ event: 'A01', mrn: 'HIE-A', visit: 'V-HIE-A', at: '202609010900', admit: '202609010900' }),
        'H-100',
      ),
    );
    await applyText(
      withHieId(
        adt({
          event: 'A03',
          mrn: 'HIE-A',
          visit: 'V-HIE-A',
          at: '202609041000',
          admit: '202609010900',
          discharge: '202609041000',
          disposition: '01',
        }),
        'H-100',
      ),
    );
    // The same person, known to the other hospital by its own MRN, admitted 20 days later.
    await applyText(
      withHieId(
        adt({
          event: 'A01',
          mrn: 'OTH-9',
          authority: 'OTHER_HOSP',
          visit: 'V-OTH',
          at: '202609241000',
          admit: '202609241000',
        }),
        'H-100',
        'OTHER_HOSP',
      ),
    );
    const discharges = await listMeasureIndexDischarges(h.db.pool, SEPTEMBER, RULES);
    const index = discharges.find((m) => m.patient.mrn === 'HIE-A');
    expect(index).toBeDefined();
    expect(index?.readmissionEncounterId).not.toBeNull();
    const { rows } = await h.db.pool.query<{ mrn: string; facility: string }>(
      `SELECT p.mrn, e.facility FROM encounters e JOIN patients p ON p.id = e.patient_id
        WHERE e.id = $1`,
      [index?.readmissionEncounterId],
    );
    expect(rows).toEqual([{ mrn: 'OTH-9', facility: 'OTHER_HOSP' }]);
  });
});
