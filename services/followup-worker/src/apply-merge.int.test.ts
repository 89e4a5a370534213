/**
 * Merges and identifier moves (A40 / A34 / A18 / A39, A41, A42, A47) through `applyMessage`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendCareAction, listPatientMerges } from '@adt/db';
import { hl7Segment, hl7TestMessage } from '@adt/testing';
import { applyMessage, UnprocessableMessageError } from '@adt/application';
import { TEST_FACILITY, type TestAdt } from './testing/adt-test-messages.js';
import { createApplyHarness, type ApplyHarness } from './testing/apply-harness.js';

let controlIds = 0;
function adt(mrn: string, event: string, at: string, fields: Partial<TestAdt> = {}): TestAdt {
  controlIds += 1;
  return { controlId: `MG${String(controlIds)}`, event, mrn, at, patientClass: 'I', ...fields };
}
const discharge = (mrn: string, visit: string | undefined, at: string, fields: Partial<TestAdt> = {}) =>
  adt(mrn, 'A03', at, { visit, admit: '202611160800', discharge: at, disposition: '01', ...fields });
const merge = (survivor: string, prior: string, at = '202611210900', event = 'A40') =>
  adt(survivor, event, at, { prior: { mrn: prior }, noVisit: true });

/** One PID/MRG[/PV1] group of an ADT_A39 message. */
interface Group {
  survivor: string;
  prior?: string;
  priorVisit?: string;
  visit?: string;
}

/** A merge message (ADT_A39 structure) with one patient group per entry, in order. */
function mergeGroups(event: string, groups: readonly Group[], at = '202611210900'): string {
  controlIds += 1;
  const cx = (id: string) => `${id}^^^${TEST_FACILITY}^MR`;
  return hl7TestMessage({
    controlId: `MG${String(controlIds)}`,
    event,
    at,
    facility: TEST_FACILITY,
    pid: null,
    pv1: null,
    segments: groups.flatMap((g) => [
      hl7Segment('PID', { 1: '1', 3: cx(g.survivor), 5: 'DOE^JANE', 7: '19500101', 8: 'F' }),
      hl7Segment('MRG', { 1: g.prior ? cx(g.prior) : '', 5: g.priorVisit ?? '' }),
      ...(g.visit ? [hl7Segment('PV1', { 1: '1', 2: 'I', 19: g.visit })] : []),
    ]),
  });
}

describe('applyMessage merges', () => {
  let h: ApplyHarness;

  beforeAll(async () => {
    h = await createApplyHarness('merges');
  });

  afterAll(async () => {
    await h.close();
  });

  async function patient(mrn: string) {
    const result = await h.db.pool.query<{ id: string; merged_into: string | null; deceased: boolean }>(
      'SELECT id, merged_into, deceased FROM patients WHERE mrn = $1',
      [mrn],
    );
    return result.rows[0];
  }

  it('A40 moves the prior patient’s encounters, follow-ups and identifiers, with an audit trail; a retry is a no-op', async () => {
    await h.apply(discharge('P-OLD1', 'V-M1', '202611191400'));
    await h.apply(discharge('P-NEW1', 'V-M2', '202611201000'));
    const messageId = await h.store(merge('P-NEW1', 'P-OLD1'));
    expect((await applyMessage(h.deps, messageId)).status).toBe('applied');

    const survivor = await patient('P-NEW1');
    expect((await patient('P-OLD1'))?.merged_into).toBe(survivor?.id);
    expect((await h.followUpsOf('P-NEW1')).map((f) => f.visit)).toEqual(['V-M1', 'V-M2']);
    expect(await h.followUpsOf('P-OLD1')).toEqual([]);
    const identifiers = await h.db.pool.query<{ patient_id: string }>(
      "SELECT patient_id FROM patient_identifiers WHERE identifier = 'P-OLD1'",
    );
    expect(identifiers.rows).toEqual([{ patient_id: survivor?.id }]);

    const audit = await listPatientMerges(h.db.pool, survivor?.id ?? '');
    expect(audit).toMatchObject([
      { messageId, eventType: 'A40', scope: 'patient', outcome: 'merged', survivorPatientId: survivor?.id },
    ]);
    expect(audit[0]?.moved).toMatchObject({ identifiers: 1, encounters: [expect.any(String)] });

    await h.db.pool.query("UPDATE inbound_messages SET status = 'received' WHERE id = $1", [messageId]);
    expect((await applyMessage(h.deps, messageId)).status).toBe('already_applied');
    expect(await listPatientMerges(h.db.pool, survivor?.id ?? '')).toHaveLength(1);
  });

  it('a later event naming the prior id lands on the survivor', async () => {
    await h.apply(discharge('P-OLD2', 'V-M3', '202611191400'));
    await h.apply(merge('P-NEW2', 'P-OLD2'));
    await h.apply(adt('P-OLD2', 'A08', '202611221000', { visit: 'V-M3', disposition: '07' }));
    await h.apply(
      adt('P-OLD2', 'A04', '202611231000', { visit: 'V-M4', patientClass: 'E', admit: '202611231000' }),
    );
    expect(await h.followUpsOf('P-NEW2')).toMatchObject([
      { visit: 'V-M3', kind: 'discharge', priority: 'high' },
      { visit: 'V-M4', kind: 'ed_visit' },
    ]);
    expect(await h.followUpsOf('P-OLD2')).toEqual([]);
  });

  it('a merge for an unknown prior id moves nothing, and an older event for it arriving later lands on the survivor', async () => {
    const messageId = await h.store(merge('P-NEW3', 'P-OLD3'));
    await applyMessage(h.deps, messageId);
    const survivor = await patient('P-NEW3');
    expect(await listPatientMerges(h.db.pool, survivor?.id ?? '')).toMatchObject([
      { messageId, outcome: 'prior_unknown', moved: {} },
    ]);
    const identifier = await h.db.pool.query<{ patient_id: string }>(
      "SELECT patient_id FROM patient_identifiers WHERE identifier = 'P-OLD3'",
    );
    expect(identifier.rows).toEqual([{ patient_id: survivor?.id }]);
    await h.apply(discharge('P-OLD3', 'V-M5', '202611191400'));
    expect(await h.followUpsOf('P-NEW3')).toMatchObject([{ visit: 'V-M5', status: 'open' }]);
  });

  it('one visit recorded under both patients becomes one encounter with one follow-up, keeping the worked one', async () => {
    // No PV1-19: the encounter is keyed by patient and admit time, so each patient has its own.
    await h.apply(discharge('P-OLD4', undefined, '202611191400'));
    await h.apply(discharge('P-NEW4', undefined, '202611191400'));
    const [, worked] = [...(await h.followUpsOf('P-OLD4')), ...(await h.followUpsOf('P-NEW4'))];
    await appendCareAction(h.db.pool, {
      followUpId: worked?.id ?? '0',
      type: 'contact_attempt',
      outcome: 'voicemail',
      note: null,
      at: new Date(),
      actor: 'navigator',
    });
    await h.apply(merge('P-NEW4', 'P-OLD4'));
    const followUps = await h.followUpsOf('P-NEW4');
    expect(followUps).toHaveLength(2);
    expect(followUps.find((f) => f.id === worked?.id)).toMatchObject({ status: 'in_progress' });
    expect(followUps.find((f) => f.id !== worked?.id)).toMatchObject({
      status: 'cancelled',
      statusReason: 'merged',
    });
    const encounters = await h.db.pool.query(
      'SELECT DISTINCT encounter_id FROM follow_ups WHERE id = ANY($1::bigint[])',
      [followUps.map((f) => f.id)],
    );
    expect(encounters.rowCount).toBe(1);
  });

  it('merging a deceased prior patient marks the survivor deceased and cancels their open follow-ups', async () => {
    await h.apply(adt('P-OLD5', 'A31', '202611180900', { deceased: true, noVisit: true }));
    await h.apply(discharge('P-NEW5', 'V-M6', '202611191400'));
    await h.apply(merge('P-NEW5', 'P-OLD5'));
    expect((await patient('P-NEW5'))?.deceased).toBe(true);
    expect(await h.followUpsOf('P-NEW5')).toMatchObject([{ status: 'cancelled', statusReason: 'deceased' }]);
  });

  it('A47 files the patient under the new identifier', async () => {
    await h.apply(discharge('P-OLD6', 'V-M7', '202611191400'));
    await h.apply(merge('P-NEW6', 'P-OLD6', '202611210900', 'A47'));
    expect(await h.followUpsOf('P-NEW6')).toMatchObject([{ visit: 'V-M7', status: 'open' }]);
    const survivor = await patient('P-NEW6');
    expect(await listPatientMerges(h.db.pool, survivor?.id ?? '')).toMatchObject([
      { eventType: 'A47', scope: 'identifier', outcome: 'merged' },
    ]);
  });

  it('A42 merges the prior visit into the new one, and a later event for the old visit lands there', async () => {
    await h.apply(discharge('P7', 'V-OLD7', '202611191400'));
    await h.apply(
      adt('P7', 'A04', '202611200900', { visit: 'V-NEW7', patientClass: 'E', admit: '202611200900' }),
    );
    await h.apply(adt('P7', 'A42', '202611210900', { visit: 'V-NEW7', prior: { visit: 'V-OLD7' } }));
    await h.apply(adt('P7', 'A08', '202611220900', { visit: 'V-OLD7', disposition: '07' }));
    const followUps = await h.followUpsOf('P7');
    expect(followUps.map((f) => f.visit)).toEqual(['V-NEW7', 'V-NEW7']);
    expect(followUps.find((f) => f.kind === 'discharge')).toMatchObject({ status: 'open', priority: 'high' });
    const aliases = await h.db.pool.query<{ encounter_key: string; merged_into: string | null }>(
      "SELECT encounter_key, merged_into FROM encounters WHERE encounter_key IN ('V-OLD7', 'V-NEW7') ORDER BY encounter_key",
    );
    expect(aliases.rows[0]?.merged_into).toBeNull();
    expect(aliases.rows[1]?.merged_into).not.toBeNull();
  });

  it('A41 moves the encounters of the prior account to the new account number', async () => {
    await h.apply(discharge('P8', 'V-M8', '202611191400', { account: 'ACC-1' }));
    await h.apply(
      adt('P8', 'A41', '202611210900', { account: 'ACC-2', prior: { account: 'ACC-1' }, noVisit: true }),
    );
    const encounter = await h.db.pool.query<{ account_number: string }>(
      "SELECT account_number FROM encounters WHERE visit_number = 'V-M8'",
    );
    expect(encounter.rows[0]?.account_number).toBe('ACC-2');
  });

  async function mergeRows(messageId: string) {
    const result = await h.db.pool.query<{ group_number: number; prior_key: string; outcome: string }>(
      'SELECT group_number, prior_key, outcome FROM patient_merges WHERE message_id = $1 ORDER BY group_number',
      [messageId],
    );
    return result.rows;
  }

  async function messageStatus(messageId: string) {
    const result = await h.db.pool.query<{ status: string; status_reason: string | null }>(
      'SELECT status, status_reason FROM inbound_messages WHERE id = $1',
      [messageId],
    );
    return result.rows[0];
  }

  it('an A40 with two patient groups applies both, each with its audit row; a retry is a no-op', async () => {
    await h.apply(discharge('P-G1-OLD', 'V-G1', '202611191400'));
    await h.apply(discharge('P-G2-OLD', 'V-G2', '202611191500'));
    const messageId = await h.store(
      mergeGroups('A40', [
        { survivor: 'P-G1-NEW', prior: 'P-G1-OLD' },
        { survivor: 'P-G2-NEW', prior: 'P-G2-OLD' },
      ]),
    );
    expect((await applyMessage(h.deps, messageId)).status).toBe('applied');

    const [survivor1, survivor2] = [await patient('P-G1-NEW'), await patient('P-G2-NEW')];
    expect((await patient('P-G1-OLD'))?.merged_into).toBe(survivor1?.id);
    expect((await patient('P-G2-OLD'))?.merged_into).toBe(survivor2?.id);
    expect((await h.followUpsOf('P-G1-NEW')).map((f) => f.visit)).toEqual(['V-G1']);
    expect((await h.followUpsOf('P-G2-NEW')).map((f) => f.visit)).toEqual(['V-G2']);
    expect([...(await h.followUpsOf('P-G1-OLD')), ...(await h.followUpsOf('P-G2-OLD'))]).toEqual([]);
    expect(await listPatientMerges(h.db.pool, survivor1?.id ?? '')).toMatchObject([
      { messageId, groupNumber: 1, eventType: 'A40', outcome: 'merged', survivorPatientId: survivor1?.id },
    ]);
    expect(await listPatientMerges(h.db.pool, survivor2?.id ?? '')).toMatchObject([
      { messageId, groupNumber: 2, eventType: 'A40', outcome: 'merged', survivorPatientId: survivor2?.id },
    ]);
    expect(await messageStatus(messageId)).toEqual({
      status: 'processed',
      status_reason: 'merge: merged, merged',
    });

    await h.db.pool.query("UPDATE inbound_messages SET status = 'received' WHERE id = $1", [messageId]);
    expect((await applyMessage(h.deps, messageId)).status).toBe('already_applied');
    expect(await mergeRows(messageId)).toHaveLength(2);
  });

  it('an A39 applies its groups in message order: a second group merging the first one’s survivor takes everything along', async () => {
    await h.apply(discharge('P-A', 'V-A', '202611191400'));
    await h.apply(discharge('P-B', 'V-B', '202611191500'));
    const messageId = await h.store(
      mergeGroups('A39', [
        { survivor: 'P-B', prior: 'P-A' },
        { survivor: 'P-C', prior: 'P-B' },
      ]),
    );
    await applyMessage(h.deps, messageId);

    const [a, b, c] = [await patient('P-A'), await patient('P-B'), await patient('P-C')];
    expect(a?.merged_into).toBe(b?.id);
    expect(b?.merged_into).toBe(c?.id);
    expect((await h.followUpsOf('P-C')).map((f) => f.visit)).toEqual(['V-A', 'V-B']);
    expect(await mergeRows(messageId)).toEqual([
      { group_number: 1, prior_key: `P-A^^^${TEST_FACILITY}`, outcome: 'merged' },
      { group_number: 2, prior_key: `P-B^^^${TEST_FACILITY}`, outcome: 'merged' },
    ]);
    const identifiers = await h.db.pool.query<{ identifier: string }>(
      'SELECT identifier FROM patient_identifiers WHERE patient_id = $1 ORDER BY identifier',
      [c?.id],
    );
    expect(identifiers.rows.map((r) => r.identifier)).toEqual(['P-A', 'P-B', 'P-C']);
  });

  it('an A42 with two groups merges each prior visit into its own group’s visit', async () => {
    await h.apply(discharge('P9', 'V-OLD9A', '202611191400'));
    await h.apply(discharge('P9', 'V-OLD9B', '202611191500', { admit: '202611170800' }));
    const messageId = await h.store(
      mergeGroups('A42', [
        { survivor: 'P9', priorVisit: 'V-OLD9A', visit: 'V-NEW9A' },
        { survivor: 'P9', priorVisit: 'V-OLD9B', visit: 'V-NEW9B' },
      ]),
    );
    await applyMessage(h.deps, messageId);
    expect((await h.followUpsOf('P9')).map((f) => f.visit)).toEqual(['V-NEW9A', 'V-NEW9B']);
    expect((await mergeRows(messageId)).map((r) => [r.group_number, r.prior_key, r.outcome])).toEqual([
      [1, 'V-OLD9A', 'merged'],
      [2, 'V-OLD9B', 'merged'],
    ]);
  });

  it('a merge whose second group has an empty MRG-1 fails as a whole: not even the first group is applied', async () => {
    await h.apply(discharge('P-F1-OLD', 'V-F1', '202611191400'));
    const messageId = await h.store(
      mergeGroups('A40', [{ survivor: 'P-F1-NEW', prior: 'P-F1-OLD' }, { survivor: 'P-F2-NEW' }]),
    );
    await expect(applyMessage(h.deps, messageId)).rejects.toThrow(UnprocessableMessageError);
    const status = await messageStatus(messageId);
    expect(status?.status).toBe('failed');
    expect(status?.status_reason).toMatch(
      /^MRG-1 \(prior patient identifier\) is empty in patient group 2 of 2/,
    );
    expect((await patient('P-F1-OLD'))?.merged_into).toBeNull();
    expect(await patient('P-F1-NEW')).toBeUndefined();
    expect(await mergeRows(messageId)).toEqual([]);
    expect((await h.followUpsOf('P-F1-OLD')).map((f) => f.visit)).toEqual(['V-F1']);
  });
});
