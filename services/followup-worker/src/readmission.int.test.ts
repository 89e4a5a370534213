/**
 * Back in hospital: a patient discharged with an open follow-up is admitted at another facility
 * whose record shares a PID-3 identifier (an HIE id) with theirs. The follow-up shows where they
 * are and the readmission, and its clock stops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAY_LIMITS } from '@adt/adt';
import {
  findFollowUpWhereabouts,
  findSamePersonPatients,
  listWorklist,
  type WhereaboutsSettings,
} from '@adt/db';
import type { TestAdt } from './testing/adt-test-messages.js';
import { createApplyHarness, TEST_ZONE, type ApplyHarness } from './testing/apply-harness.js';

let controlIds = 0;
function adt(mrn: string, event: string, at: string, fields: Partial<TestAdt> = {}): TestAdt {
  controlIds += 1;
  return { controlId: `RA${String(controlIds)}`, event, mrn, at, patientClass: 'I', ...fields };
}

const OTHER = 'OTHER_HOSP';

describe('readmission of the same person at another facility', () => {
  let h: ApplyHarness;
  let settings: WhereaboutsSettings;

  beforeAll(async () => {
    h = await createApplyHarness('readmit');
    settings = { zone: TEST_ZONE, observationCodes: new Set(['OBS']), now: new Date(), limits: STAY_LIMITS };
  });

  afterAll(async () => {
    await h.close();
  });

  async function patientIdsWith(identifier: string): Promise<string[]> {
    const result = await h.db.pool.query<{ patient_id: string }>(
      `SELECT patient_id FROM patient_identifiers WHERE identifier = $1 ORDER BY patient_id`,
      [identifier],
    );
    return result.rows.map((r) => r.patient_id);
  }

  /** Discharged home from GENERAL_HOSP on 3 March; the follow-up is due 5 March. */
  async function firstStay(mrn: string, hie: string) {
    const ids = { otherIdentifiers: [`${hie}^^^HIE^PI`] };
    await h.apply(adt(mrn, 'A01', '202603010800', { visit: `${mrn}-1`, admit: '202603010800', ...ids }));
    await h.apply(
      adt(mrn, 'A03', '202603031000', {
        visit: `${mrn}-1`,
        admit: '202603010800',
        discharge: '202603031000',
        disposition: '01',
        ...ids,
      }),
    );
    const [followUp] = await h.followUpsOf(mrn);
    if (!followUp) throw new Error('no follow-up');
    return followUp;
  }

  /** Admitted at OTHER_HOSP (its own MRN, the same HIE id) on 6 March. */
  async function admitElsewhere(mrn: string, hie: string) {
    await h.apply(
      adt(mrn, 'A01', '202603061400', {
        facility: OTHER,
        visit: `${mrn}-9`,
        admit: '202603061400',
        location: '5E^512^B',
        otherIdentifiers: [`${hie}^^^HIE^PI`],
      }),
    );
  }

  async function dischargeElsewhere(mrn: string, hie: string) {
    await h.apply(
      adt(mrn, 'A03', '202603091100', {
        facility: OTHER,
        visit: `${mrn}-9`,
        admit: '202603061400',
        discharge: '202603091100',
        disposition: '01',
        otherIdentifiers: [`${hie}^^^HIE^PI`],
      }),
    );
  }

  it('stores a shared identifier for each patient that sends it', async () => {
    const earlier = await firstStay('A100', 'HIE123');
    const updatedAt = async () =>
      (
        await h.db.pool.query<{ updated_at: Date }>('SELECT updated_at FROM follow_ups WHERE id = $1', [
          earlier.id,
        ])
      ).rows[0]?.updated_at.getTime();
    const before = await updatedAt();
    await admitElsewhere('B200', 'HIE123');
    // What the follow-up shows changed, so the inbox's change fingerprint must move.
    expect(await updatedAt()).toBeGreaterThan(before ?? Infinity);
    const both = await patientIdsWith('HIE123');
    expect(both).toHaveLength(2);
    const [first, second] = both as [string, string];
    const samePerson = await findSamePersonPatients(h.db.pool, [first]);
    expect(samePerson.get(first)).toEqual([first, second]);
  });

  it('shows the open follow-up in hospital elsewhere and readmitted, and not overdue', async () => {
    const [followUp] = await h.followUpsOf('A100');
    const other = await firstStay('C300', 'HIE999'); // discharged the same day, not readmitted
    const whereabouts = await findFollowUpWhereabouts(h.db.pool, [followUp?.id ?? '', other.id], settings);
    expect(whereabouts.get(followUp?.id ?? '')).toEqual({
      patientInHospital: {
        facility: OTHER,
        location: '5E^512^B',
        patientClass: 'I',
        since: new Date('2026-03-06T19:00:00Z'),
      },
      readmittedAt: new Date('2026-03-06T19:00:00Z'),
    });
    expect(whereabouts.get(other.id)).toEqual({
      patientInHospital: null,
      readmittedAt: null,
    });

    // Both are due 5 March and past due; the one whose patient is in hospital is not overdue,
    // so the other comes first although it was created later.
    const worklist = await listWorklist(h.db.pool, {
      createdBefore: new Date(Date.now() + 60_000),
      overdueBefore: new Date(),
      offset: 0,
      limit: 100,
      observationCodes: new Set(['OBS']),
      limits: STAY_LIMITS,
    });
    expect(worklist.map((f) => f.patient.mrn)).toEqual(['C300', 'A100']);
  });

  it("keeps the earlier follow-up, flagged readmitted, when the readmission's discharge brings its own", async () => {
    const [earlier] = await h.followUpsOf('A100');
    await dischargeElsewhere('B200', 'HIE123');
    const [readmission] = await h.followUpsOf('B200');
    expect(readmission).toMatchObject({ kind: 'discharge', status: 'open' });
    // The stored status stays; supersession is worked out after the commit (readmission-supersession.int.test.ts).
    expect((await h.followUpsOf('A100'))[0]).toMatchObject({ status: 'open', statusReason: null });
    // Out of hospital again: no stay shown, the readmission still is.
    const whereabouts = await findFollowUpWhereabouts(h.db.pool, [earlier?.id ?? ''], settings);
    expect(whereabouts.get(earlier?.id ?? '')).toEqual({
      patientInHospital: null,
      readmittedAt: new Date('2026-03-06T19:00:00Z'),
    });
  });

  it('links records through a chain of shared identifiers and merges', async () => {
    // F shares HIE777 with G; G shares ENT1 with H: F, G and H are one person.
    await h.apply(adt('F1', 'A01', '202603010800', { visit: 'F1-1', otherIdentifiers: ['HIE777^^^HIE^PI'] }));
    await h.apply(
      adt('G1', 'A01', '202603010800', {
        facility: OTHER,
        visit: 'G1-1',
        otherIdentifiers: ['HIE777^^^HIE^PI', 'ENT1^^^ENTERPRISE^PT'],
      }),
    );
    await h.apply(
      adt('H1', 'A01', '202603010800', {
        facility: 'THIRD_HOSP',
        visit: 'H1-1',
        otherIdentifiers: ['ENT1^^^ENTERPRISE^PT'],
      }),
    );
    const [f] = await patientIdsWith('F1');
    const linked = await findSamePersonPatients(h.db.pool, [f ?? '']);
    const [g] = await patientIdsWith('G1');
    const [hh] = await patientIdsWith('H1');
    expect(linked.get(f ?? '')).toEqual([f, g, hh].map(String).sort((a, b) => Number(a) - Number(b)));
  });
});
