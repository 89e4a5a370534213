/**
 * Edge cases of the impact measures over a store the worker built from HL7, beyond
 * measure-store.int.test.ts: a discharge cancelled by A13 and sent again, a death reported after
 * the discharge (A08 with PID-30 = Y), a death in the stay sent only as a disposition (41), and a
 * transfer to an acute hospital (02). Each asserts what the report's queries read afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendCareAction, listMeasureFollowUps, listMeasureIndexDischarges } from '@adt/db';
import { createApplyHarness, endOfDay, type ApplyHarness } from './testing/apply-harness.js';
import { numberedAdt, RULES, SEPTEMBER, WINDOWS } from './testing/measure-queries-setup.js';

const adt = numberedAdt('ME');

describe('measure edge cases over a store the worker built', () => {
  let h: ApplyHarness;

  beforeAll(async () => {
    h = await createApplyHarness('measureedges');
  });

  afterAll(async () => {
    await h.close();
  });

  const memberOf = async (mrn: string) =>
    (await listMeasureFollowUps(h.db.pool, SEPTEMBER, WINDOWS)).filter((m) => m.patient.mrn === mrn);
  const indexOf = async (mrn: string) =>
    (await listMeasureIndexDischarges(h.db.pool, SEPTEMBER, RULES)).filter((m) => m.patient.mrn === mrn);
  const discharge = (mrn: string, visit: string, at: string, disposition: string, deceased = false) =>
    adt({
      event: 'A03',
      mrn,
      visit,
      at,
      admit: '202609010900',
      discharge: at,
      disposition,
      ...(deceased ? { deceased } : {}),
    });

  it('counts a discharge cancelled by A13 and sent again once, by the second discharge', async () => {
    // Discharged Thu 3 Sep, a contact logged, A13 on Fri 4 (the follow-up is kept, flagged), then
    // discharged again on Thu 10 Sep: the flag is cleared and the due time moves to the end of
    // Mon 14 Sep (Fri 11, Mon 14).
    await h.apply(
      adt({ event: 'A01', mrn: 'RED-1', visit: 'V-RED', at: '202609010900', admit: '202609010900' }),
    );
    await h.apply(discharge('RED-1', 'V-RED', '202609031000', '01'));
    const [first] = await h.followUpsOf('RED-1');
    await appendCareAction(h.db.pool, {
      followUpId: first?.id ?? '',
      type: 'contact_made',
      outcome: null,
      note: null,
      at: new Date('2026-09-04T09:00:00-04:00'),
      actor: 'navigator:test',
    });
    await h.apply(
      adt({ event: 'A13', mrn: 'RED-1', visit: 'V-RED', at: '202609041000', admit: '202609010900' }),
    );
    expect((await h.followUpsOf('RED-1'))[0]).toMatchObject({ dischargeCancelled: true });
    // While the discharge is cancelled the stay counts nowhere.
    expect(await memberOf('RED-1')).toEqual([]);
    expect(await indexOf('RED-1')).toEqual([]);

    await h.apply(discharge('RED-1', 'V-RED', '202609101000', '01'));
    const followUps = await h.followUpsOf('RED-1');
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({ dischargeCancelled: false, dueAt: endOfDay('2026-09-14') });
    expect((await memberOf('RED-1')).map((m) => m.eventDate)).toEqual(['2026-09-10']);
    expect((await indexOf('RED-1')).map((m) => m.eventDate)).toEqual(['2026-09-10']);
  });

  it('drops a follow-up when the patient dies after the discharge, but keeps the stay as an index discharge', async () => {
    // Discharged home (01) on 8 Sep; an A08 with PID-30 = Y on 9 Sep cancels the follow-up as
    // deceased. The readmission measure excludes deaths in the stay (by disposition) only.
    await h.apply(
      adt({ event: 'A01', mrn: 'DAH-1', visit: 'V-DAH', at: '202609010900', admit: '202609010900' }),
    );
    await h.apply(discharge('DAH-1', 'V-DAH', '202609081000', '01'));
    await h.apply(
      adt({
        event: 'A08',
        mrn: 'DAH-1',
        visit: 'V-DAH',
        at: '202609091000',
        admit: '202609010900',
        discharge: '202609081000',
        disposition: '01',
        deceased: true,
      }),
    );
    expect(await h.followUpsOf('DAH-1')).toMatchObject([{ status: 'cancelled', statusReason: 'deceased' }]);
    expect(await memberOf('DAH-1')).toEqual([]);
    expect(await indexOf('DAH-1')).toMatchObject([{ eventDate: '2026-09-08', readmissionEncounterId: null }]);
  });

  it('leaves out a death in the stay sent only as disposition 41, and a transfer to an acute hospital (02)', async () => {
    await h.apply(
      adt({ event: 'A01', mrn: 'D41-1', visit: 'V-D41', at: '202609010900', admit: '202609010900' }),
    );
    await h.apply(discharge('D41-1', 'V-D41', '202609121000', '41'));
    expect((await h.followUpsOf('D41-1')).every((f) => f.status === 'cancelled')).toBe(true);
    expect(await memberOf('D41-1')).toEqual([]);
    expect(await indexOf('D41-1')).toEqual([]);

    await h.apply(
      adt({ event: 'A01', mrn: 'TRF-1', visit: 'V-TRF', at: '202609010900', admit: '202609010900' }),
    );
    await h.apply(discharge('TRF-1', 'V-TRF', '202609151000', '02'));
    expect(await indexOf('TRF-1')).toEqual([]);
  });
});
