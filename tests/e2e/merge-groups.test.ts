/**
 * Merge messages with several patient groups (ADT_A39: `PID [PD1] MRG [PV1]` repeated) sent over a
 * real MLLP socket: every group is applied and recorded, as a single-group merge would be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MllpClient } from '@adt/cli';
import { ackCodeFromAck } from '@adt/hl7';
import { hl7Segment, hl7TestMessage } from '@adt/testing';
import { startTestStack, waitFor, type TestStack } from './stack.js';

const FACILITY = 'GENERAL_HOSP';
let controlIds = 0;

function nextControlId(): string {
  controlIds += 1;
  return `MG${String(controlIds)}`;
}

/** An inpatient discharge home: one `discharge` follow-up for the patient. */
function discharge(mrn: string, visit: string): string {
  const at = '202611191400';
  return hl7TestMessage({
    controlId: nextControlId(),
    at,
    mrn,
    msh: { 9: 'ADT^A03^ADT_A03' },
    pv1: { 3: '', 19: visit, 36: '01', 44: '202611160800', 45: at },
  });
}

/** A merge with one PID/MRG group per `[survivor, prior]` pair, in order. */
function merge(event: string, pairs: readonly (readonly [string, string])[]): string {
  return hl7TestMessage({
    controlId: nextControlId(),
    event,
    at: '202611210900',
    msh: { 9: `ADT^${event}^ADT_A39` },
    pid: null,
    pv1: null,
    segments: pairs.flatMap(([survivor, prior]) => [
      hl7Segment('PID', { 1: '1', 3: `${survivor}^^^${FACILITY}^MR`, 5: 'DOE^JANE', 7: '19500101', 8: 'F' }),
      'PD1|||CLINIC',
      `MRG|${prior}^^^${FACILITY}^MR`,
    ]),
  });
}

describe('merges with several patient groups over MLLP', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('mergegroups');
  });

  afterAll(async () => {
    await stack.stop();
  });

  async function send(text: string): Promise<string> {
    const client = await MllpClient.connect('127.0.0.1', stack.listener.mllpPort);
    try {
      return ackCodeFromAck(await client.send(text)).code;
    } finally {
      await client.close();
    }
  }

  /** Waits until every message sent so far has been processed. */
  async function settled(): Promise<void> {
    await waitFor(async () => {
      const pending = await stack.db.pool.query<{ status: string }>(
        "SELECT status FROM inbound_messages WHERE status NOT IN ('processed', 'duplicate')",
      );
      expect(pending.rows.filter((r) => r.status !== 'received')).toEqual([]);
      return pending.rowCount === 0 ? true : undefined;
    }, 15_000);
  }

  /**
   * Sends a discharge for each `[mrn, visit]` and lets them be applied, then sends the merge and
   * lets it be applied; every message must be accepted.
   * @returns the merge's control id
   */
  async function dischargeThenMerge(
    discharges: readonly (readonly [string, string])[],
    event: string,
    pairs: readonly (readonly [string, string])[],
  ): Promise<string> {
    for (const [mrn, visit] of discharges) expect(await send(discharge(mrn, visit))).toBe('AA');
    await settled();
    expect(await send(merge(event, pairs))).toBe('AA');
    const controlId = `MG${String(controlIds)}`;
    await settled();
    return controlId;
  }

  async function patients(mrns: readonly string[]) {
    const result = await stack.db.pool.query<{ mrn: string; id: string; survivor_mrn: string | null }>(
      `SELECT p.mrn, p.id, s.mrn AS survivor_mrn FROM patients p LEFT JOIN patients s ON s.id = p.merged_into
        WHERE p.mrn = ANY($1::text[]) ORDER BY p.mrn`,
      [mrns],
    );
    return Object.fromEntries(result.rows.map((r) => [r.mrn, r]));
  }

  async function followUpVisits(mrn: string): Promise<string[]> {
    const result = await stack.db.pool.query<{ visit: string }>(
      `SELECT e.visit_number AS visit FROM follow_ups f JOIN patients p ON p.id = f.patient_id
         JOIN encounters e ON e.id = f.encounter_id WHERE p.mrn = $1 AND f.status = 'open' `,
      [mrn],
    );
    // Sorted: the discharges are applied concurrently, so follow-up ids need not follow sending.
    return result.rows.map((r) => r.visit).sort();
  }

  async function auditOf(controlId: string) {
    const result = await stack.db.pool.query<{
      group_number: number;
      event_type: string;
      prior_key: string;
      survivor_key: string;
      outcome: string;
    }>(
      `SELECT m.group_number, m.event_type, m.prior_key, m.survivor_key, m.outcome
         FROM patient_merges m JOIN inbound_messages i ON i.id = m.message_id
        WHERE i.control_id = $1 ORDER BY m.group_number`,
      [controlId],
    );
    return result.rows;
  }

  it('an A40 with two groups merges both patients: encounters, follow-ups and audit rows', async () => {
    const controlId = await dischargeThenMerge(
      [
        ['E-OLD1', 'EV-1'],
        ['E-OLD2', 'EV-2'],
      ],
      'A40',
      [
        ['E-NEW1', 'E-OLD1'],
        ['E-NEW2', 'E-OLD2'],
      ],
    );

    const rows = await patients(['E-OLD1', 'E-OLD2', 'E-NEW1', 'E-NEW2']);
    expect(rows['E-OLD1']?.survivor_mrn).toBe('E-NEW1');
    expect(rows['E-OLD2']?.survivor_mrn).toBe('E-NEW2');
    expect(await followUpVisits('E-NEW1')).toEqual(['EV-1']);
    expect(await followUpVisits('E-NEW2')).toEqual(['EV-2']);
    expect([...(await followUpVisits('E-OLD1')), ...(await followUpVisits('E-OLD2'))]).toEqual([]);
    expect(await auditOf(controlId)).toEqual([
      {
        group_number: 1,
        event_type: 'A40',
        prior_key: `E-OLD1^^^${FACILITY}`,
        survivor_key: `E-NEW1^^^${FACILITY}`,
        outcome: 'merged',
      },
      {
        group_number: 2,
        event_type: 'A40',
        prior_key: `E-OLD2^^^${FACILITY}`,
        survivor_key: `E-NEW2^^^${FACILITY}`,
        outcome: 'merged',
      },
    ]);
  });

  it('an A39 with two groups merges both, the second into the survivor of the first', async () => {
    const controlId = await dischargeThenMerge(
      [
        ['E-OLD3', 'EV-3'],
        ['E-OLD4', 'EV-4'],
        ['E-NEW3', 'EV-5'],
      ],
      'A39',
      [
        ['E-NEW3', 'E-OLD3'],
        ['E-NEW3', 'E-OLD4'],
      ],
    );

    const rows = await patients(['E-OLD3', 'E-OLD4']);
    expect(rows['E-OLD3']?.survivor_mrn).toBe('E-NEW3');
    expect(rows['E-OLD4']?.survivor_mrn).toBe('E-NEW3');
    expect(await followUpVisits('E-NEW3')).toEqual(['EV-3', 'EV-4', 'EV-5']);
    expect(
      (await auditOf(controlId)).map((r) => [r.group_number, r.event_type, r.prior_key, r.outcome]),
    ).toEqual([
      [1, 'A39', `E-OLD3^^^${FACILITY}`, 'merged'],
      [2, 'A39', `E-OLD4^^^${FACILITY}`, 'merged'],
    ]);
  });
});
