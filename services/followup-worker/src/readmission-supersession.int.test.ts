/**
 * A readmission's own discharge follow-up supersedes the earlier discharge follow-up of the same
 * person (records at two hospitals tied by an HIE id), worked out after each message as the
 * worker's job does, with the same answer whichever stay's messages are processed first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READMISSION_WINDOW_DAYS } from '@adt/adt';
import { settleSupersession } from '@adt/db';
import type { TestAdt } from './testing/adt-test-messages.js';
import { createApplyHarness, TEST_ZONE, type ApplyHarness } from './testing/apply-harness.js';

const OTHER = 'OTHER_HOSP';
let controlIds = 0;

/** The messages of one inpatient stay: admission, then discharge home. */
function stay(
  mrn: string,
  hie: string,
  times: { admit: string; discharge: string },
  facility?: string,
): TestAdt[] {
  const common = {
    mrn,
    visit: `${mrn}-${times.admit}`,
    patientClass: 'I',
    admit: times.admit,
    otherIdentifiers: [`${hie}^^^HIE^PI`],
    ...(facility === undefined ? {} : { facility }),
  };
  controlIds += 2;
  return [
    { ...common, controlId: `SS${String(controlIds - 1)}`, event: 'A01', at: times.admit },
    {
      ...common,
      controlId: `SS${String(controlIds)}`,
      event: 'A03',
      at: times.discharge,
      discharge: times.discharge,
      disposition: '01',
    },
  ];
}

describe('readmission supersession', () => {
  let h: ApplyHarness;
  const window = { zone: TEST_ZONE, days: READMISSION_WINDOW_DAYS };

  beforeAll(async () => {
    h = await createApplyHarness('supersede');
  });
  afterAll(async () => {
    await h.close();
  });

  /** Applies the messages one job at a time: apply, then the check after the commit. */
  async function process(messages: readonly TestAdt[]): Promise<void> {
    for (const m of messages) {
      await h.apply(m);
      await settleSupersession(h.db.pool, window);
    }
  }

  async function supersededBy(mrn: string): Promise<(string | null)[]> {
    const result = await h.db.pool.query<{ superseded_by: string | null }>(
      `SELECT f.superseded_by FROM follow_ups f JOIN patients p ON p.id = f.patient_id
        WHERE p.mrn = $1 ORDER BY f.id`,
      [mrn],
    );
    return result.rows.map((r) => r.superseded_by);
  }

  it('names the readmission’s follow-up on the earlier one, in either processing order', async () => {
    // Discharged 3 March, readmitted elsewhere 6 March (same HIE id), discharged 9 March.
    const first = (mrn: string, hie: string) =>
      stay(mrn, hie, { admit: '202603010800', discharge: '202603031000' });
    const again = (mrn: string, hie: string) =>
      stay(mrn, hie, { admit: '202603061400', discharge: '202603091100' }, OTHER);

    await process([...first('IN1', 'HIE-A'), ...again('IN2', 'HIE-A')]);
    await process([...again('OUT2', 'HIE-B'), ...first('OUT1', 'HIE-B')]);

    for (const [earlier, later] of [
      ['IN1', 'IN2'],
      ['OUT1', 'OUT2'],
    ] as const) {
      const [readmission] = await h.followUpsOf(later);
      expect(await supersededBy(earlier)).toEqual([readmission?.id]);
      expect(await supersededBy(later)).toEqual([null]);
      // The stored status stays as the rules left it: supersession is read beside it.
      expect((await h.followUpsOf(earlier))[0]).toMatchObject({ status: 'open', statusReason: null });
    }
  });

  it('supersedes nothing when the next admission is more than 30 days after the discharge', async () => {
    await process([
      ...stay('LATE1', 'HIE-C', { admit: '202604010800', discharge: '202604021000' }),
      ...stay('LATE2', 'HIE-C', { admit: '202605031400', discharge: '202605051100' }, OTHER),
    ]);
    expect(await supersededBy('LATE1')).toEqual([null]);
  });

  it('lifts the supersession when the readmission’s discharge is cancelled (A13)', async () => {
    await process([
      ...stay('UNDO1', 'HIE-D', { admit: '202606010800', discharge: '202606031000' }),
      ...stay('UNDO2', 'HIE-D', { admit: '202606061400', discharge: '202606091100' }, OTHER),
    ]);
    expect((await supersededBy('UNDO1'))[0]).not.toBeNull();
    controlIds += 1;
    await process([
      {
        controlId: `SS${String(controlIds)}`,
        event: 'A13',
        mrn: 'UNDO2',
        facility: OTHER,
        at: '202606091200',
        visit: 'UNDO2-202606061400',
        patientClass: 'I',
        admit: '202606061400',
        otherIdentifiers: ['HIE-D^^^HIE^PI'],
      },
    ]);
    expect(await supersededBy('UNDO1')).toEqual([null]);
  });

  it('leaves a check queued by a failed attempt for the next one', async () => {
    const [earlier] = await h.followUpsOf('IN1');
    await h.db.pool.query('UPDATE follow_ups SET superseded_by = NULL WHERE id = $1', [earlier?.id]);
    const patient = await h.db.pool.query<{ id: string }>("SELECT id FROM patients WHERE mrn = 'IN1'");
    await h.db.pool.query('INSERT INTO supersession_checks (patient_id) VALUES ($1)', [patient.rows[0]?.id]);
    expect(await settleSupersession(h.db.pool, window)).toBe(1);
    expect((await supersededBy('IN1'))[0]).not.toBeNull();
    expect((await h.db.pool.query('SELECT 1 FROM supersession_checks')).rowCount).toBe(0);
  });
});
