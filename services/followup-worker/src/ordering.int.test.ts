/**
 * Ordering (routing.md, "Ordering and concurrency"): events of one encounter end in the state of
 * the one-by-one, in-order run whatever order they arrive in, and a late older event never undoes
 * newer state or a navigator's work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestAdt } from './testing/adt-test-messages.js';
import { createApplyHarness, type ApplyHarness, type FollowUpRow } from './testing/apply-harness.js';

let controlIds = 0;
function adt(mrn: string, visit: string, event: string, at: string, fields: Partial<TestAdt> = {}): TestAdt {
  controlIds += 1;
  return { controlId: `OR${String(controlIds)}`, event, mrn, visit, at, patientClass: 'I', ...fields };
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** Follow-ups without ids or the encounter's name: what must match between runs. */
const comparable = (rows: FollowUpRow[]) =>
  rows.map(({ id: _id, mrn: _mrn, visit: _visit, ...rest }) => rest);

describe('applyMessage ordering', () => {
  let h: ApplyHarness;

  beforeAll(async () => {
    h = await createApplyHarness('ordering');
  });

  afterAll(async () => {
    await h.close();
  });

  it('an A13 (t3) arriving before its A03 (t2) leaves the cancelled follow-up of the in-order run', async () => {
    await h.apply(adt('O1', 'V-O1', 'A13', '202611191500'));
    await h.apply(adt('O1', 'V-O1', 'A03', '202611191400', { discharge: '202611191400', disposition: '01' }));
    expect(await h.followUpsOf('O1')).toMatchObject([
      { kind: 'discharge', status: 'cancelled', statusReason: 'discharge_cancelled' },
    ]);
    const processed = await h.db.pool.query<{ status_reason: string | null }>(
      'SELECT status_reason FROM inbound_messages WHERE control_id = $1',
      [`OR${String(controlIds)}`],
    );
    expect(processed.rows[0]?.status_reason).toMatch(/replayed in event order/);
  });

  it('discharge, cancel and re-discharge end the same in all six arrival orders', async () => {
    const scenario = (mrn: string) => [
      adt(mrn, `V-${mrn}`, 'A03', '202611191400', {
        admit: '202611160800',
        discharge: '202611191400',
        disposition: '01',
      }),
      adt(mrn, `V-${mrn}`, 'A13', '202611191500'),
      adt(mrn, `V-${mrn}`, 'A03', '202611201000', { discharge: '202611201000', disposition: '07' }),
    ];
    for (const m of scenario('OIN')) await h.apply(m);
    const expected = comparable(await h.followUpsOf('OIN'));
    expect(expected).toMatchObject([
      { status: 'cancelled', statusReason: 'discharge_cancelled' },
      { status: 'open', priority: 'high' },
    ]);
    const orders = permutations([0, 1, 2]);
    for (const [n, order] of orders.entries()) {
      const mrn = `OP${String(n)}`;
      const events = scenario(mrn);
      for (const i of order) await h.apply(events[i] as TestAdt);
      expect(comparable(await h.followUpsOf(mrn)), `order ${order.join(',')}`).toEqual(expected);
    }
  });

  it('a discharge and a later correction saying the patient died end the same in both arrival orders', async () => {
    // The A08 (t2) records the death on the discharged encounter: in order, the A03 (t1) creates
    // the discharge follow-up and the A08 cancels it. Arriving first, the A08 stores the death, and
    // the replay the older A03 sets off must still see the patient alive at t1.
    const scenario = (mrn: string) => [
      adt(mrn, `V-${mrn}`, 'A03', '202611251635', {
        admit: '202611222140',
        discharge: '202611251630',
        disposition: '01',
      }),
      adt(mrn, `V-${mrn}`, 'A08', '202611260812', {
        admit: '202611222140',
        discharge: '202611251630',
        disposition: '20',
        deceased: true,
      }),
    ];
    for (const order of [
      [0, 1],
      [1, 0],
    ]) {
      const mrn = `OD${order.join('')}`;
      const events = scenario(mrn);
      for (const i of order) await h.apply(events[i] as TestAdt);
      expect(await h.followUpsOf(mrn), `order ${order.join(',')}`).toMatchObject([
        { kind: 'discharge', status: 'cancelled', statusReason: 'deceased' },
      ]);
    }
    expect(comparable(await h.followUpsOf('OD10'))).toEqual(comparable(await h.followUpsOf('OD01')));
  });

  it('a late older A08 does not undo the newer disposition', async () => {
    await h.apply(adt('O3', 'V-O3', 'A03', '202611191400', { discharge: '202611191400', disposition: '01' }));
    await h.apply(adt('O3', 'V-O3', 'A08', '202611171000', { disposition: '07' }));
    expect(await h.followUpsOf('O3')).toMatchObject([{ status: 'open', priority: 'normal' }]);
    const encounter = await h.db.pool.query<{ disposition: string; last_event_type: string }>(
      "SELECT disposition, last_event_type FROM encounters WHERE visit_number = 'V-O3'",
    );
    expect(encounter.rows[0]).toEqual({ disposition: '01', last_event_type: 'A03' });
  });

  it('each field ends with the value of the latest event that carries it', async () => {
    // t3 carries no location; t1 and t2 do and arrive late, t1 last: t2's value is the in-order one.
    await h.apply(adt('O4', 'V-O4', 'A08', '202611180900'));
    await h.apply(adt('O4', 'V-O4', 'A02', '202611170900', { location: '5E^502' }));
    await h.apply(adt('O4', 'V-O4', 'A01', '202611160900', { location: 'ED^1', admit: '202611160900' }));
    const encounter = await h.db.pool.query<{ assigned_location: string; admitted_at: Date }>(
      "SELECT assigned_location, admitted_at FROM encounters WHERE visit_number = 'V-O4'",
    );
    expect(encounter.rows[0]?.assigned_location).toBe('5E^502');
    expect(encounter.rows[0]?.admitted_at).not.toBeNull();
  });

  it('a replay keeps the follow-up a navigator worked on, with its actions', async () => {
    await h.apply(adt('O5', 'V-O5', 'A03', '202611201000', { discharge: '202611201000', disposition: '01' }));
    const [worked] = await h.followUpsOf('O5');
    await h.logAction(worked, { type: 'contact_made', outcome: 'reached', actor: 'navigator' });
    // Older events: a first discharge and its cancellation.
    await h.apply(adt('O5', 'V-O5', 'A03', '202611191400', { discharge: '202611191400', disposition: '01' }));
    await h.apply(adt('O5', 'V-O5', 'A13', '202611191500'));
    const followUps = await h.followUpsOf('O5');
    expect(followUps).toMatchObject([{ id: worked?.id, status: 'in_progress', dischargeCancelled: false }]);
    const actions = await h.db.pool.query('SELECT 1 FROM care_actions WHERE follow_up_id = $1', [worked?.id]);
    expect(actions.rowCount).toBe(1);
  });

  it('never reopens a done follow-up', async () => {
    await h.apply(adt('O6', 'V-O6', 'A03', '202611191400', { discharge: '202611191400', disposition: '01' }));
    const [done] = await h.followUpsOf('O6');
    await h.logAction(done, { type: 'close', outcome: 'completed', actor: 'navigator' });
    await h.apply(adt('O6', 'V-O6', 'A01', '202611160800', { admit: '202611160800' }));
    await h.apply(adt('O6', 'V-O6', 'A03', '202611201000', { discharge: '202611201000', disposition: '07' }));
    expect(await h.followUpsOf('O6')).toMatchObject([{ id: done?.id, status: 'done', priority: 'normal' }]);
  });

  it('an older ED visit arriving after the death creates nothing', async () => {
    await h.apply(
      adt('O7', 'V-O7B', 'A03', '202611201000', { discharge: '202611201000', disposition: '20' }),
    );
    await h.apply(adt('O7', 'V-O7A', 'A04', '202611150900', { patientClass: 'E', admit: '202611150900' }));
    await h.apply(adt('O7', 'V-O7B', 'A01', '202611180900', { admit: '202611180900' }));
    expect(await h.followUpsOf('O7')).toEqual([]);
  });
});
