/**
 * Test feeds end to end: messages from a facility in test mode, and MSH-11 = T messages from a live
 * one, sent over MLLP, are acknowledged, stored and processed into the sandbox. They never appear in
 * the worklist, follow-up search, the census or the reports, never touch the live patient they name,
 * and ops see each of them with the follow-ups it would have created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MllpClient } from '@adt/cli';
import { saveFacilitySettings } from '@adt/db';
import { ackCodeFromAck } from '@adt/hl7';
import { hl7TestMessage } from '@adt/testing';
import { startTestStack, waitFor, type TestStack } from './stack.js';

const DAY_MS = 24 * 3_600_000;

/** `YYYYMMDDHHMM` in UTC with an explicit offset, `days` ago at `hour`:00. */
function hl7At(days: number, hour: number): string {
  const at = new Date(Date.now() - days * DAY_MS);
  at.setUTCHours(hour, 0, 0, 0);
  return `${at.toISOString().slice(0, 16).replace(/[-T:]/g, '')}+0000`;
}

function isoDate(days: number): string {
  return new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
}

interface Item {
  id: string;
  patient: { mrn: string };
}

describe('test feeds from the MLLP port to the pages', () => {
  let stack: TestStack;
  let admin: string;
  let ops: string;
  const acks: Record<string, string> = {};

  const inpatientDischarge = (controlId: string, facility: string, mrn: string, extra = {}) =>
    hl7TestMessage({
      controlId,
      facility,
      mrn,
      at: hl7At(1, 15),
      pv1: { 2: 'I', 19: `V-${mrn}`, 36: '01', 44: hl7At(4, 10), 45: hl7At(1, 14), ...extra },
    });

  beforeAll(async () => {
    stack = await startTestStack('testfeed', { MLLP_PROCESSING_IDS: 'P,T' });
    admin = await stack.token('admin');
    ops = await stack.token('ops');
    await saveFacilitySettings(stack.db.pool, 'TEST_HOSP', { displayName: 'Test Hospital', mode: 'test' });
    await stack.listener.refreshFacilitySettings();
    const messages: [string, string][] = [
      ['LIVE-1', inpatientDischarge('LIVE-1', 'GENERAL_HOSP', 'LIVE1')],
      // A facility in test mode, production processing id.
      ['TEST-1', inpatientDischarge('TEST-1', 'TEST_HOSP', 'TESTONLY1')],
      // A live facility's training message that reuses the live patient and visit, and says they died.
      [
        'TRAIN-1',
        hl7TestMessage({
          controlId: 'TRAIN-1',
          mrn: 'LIVE1',
          at: hl7At(1, 16),
          msh: { 11: 'T' },
          pv1: { 2: 'I', 19: 'V-LIVE1', 36: '20', 44: hl7At(4, 10), 45: hl7At(1, 14) },
        }),
      ],
      // A training ED arrival, and a training admission still in hospital (the census would list both).
      [
        'TRAIN-2',
        hl7TestMessage({
          controlId: 'TRAIN-2',
          event: 'A04',
          mrn: 'TRAINED',
          at: hl7At(0, 1),
          msh: { 11: 'T' },
          pv1: { 2: 'E', 19: 'V-TRAINED', 44: hl7At(0, 1) },
        }),
      ],
      [
        'TRAIN-3',
        hl7TestMessage({
          controlId: 'TRAIN-3',
          event: 'A01',
          mrn: 'TRAINSTAY',
          at: hl7At(2, 9),
          msh: { 11: 'T' },
          pv1: { 2: 'I', 3: '4W^401^A', 19: 'V-TRAINSTAY', 44: hl7At(2, 9) },
        }),
      ],
    ];
    const client = await MllpClient.connect('127.0.0.1', stack.listener.mllpPort);
    try {
      for (const [controlId, text] of messages)
        acks[controlId] = ackCodeFromAck(await client.send(text)).code;
    } finally {
      await client.close();
    }
    await waitFor(async () => {
      const pending = await stack.db.pool.query(
        "SELECT 1 FROM inbound_messages WHERE status NOT IN ('processed', 'rejected', 'duplicate')",
      );
      return pending.rowCount === 0 ? true : undefined;
    }, 20_000);
  });

  afterAll(async () => {
    await stack.stop();
  });

  const json = async <T>(path: string, token: string): Promise<T> => {
    const response = await stack.get(path, token);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  it('acknowledges every test message with AA and stores it as a sandbox message', async () => {
    expect(acks).toEqual({
      'LIVE-1': 'AA',
      'TEST-1': 'AA',
      'TRAIN-1': 'AA',
      'TRAIN-2': 'AA',
      'TRAIN-3': 'AA',
    });
    const stored = await stack.db.pool.query<{ control_id: string; sandbox: boolean; status: string }>(
      'SELECT control_id, sandbox, status FROM inbound_messages ORDER BY id',
    );
    expect(stored.rows).toEqual([
      { control_id: 'LIVE-1', sandbox: false, status: 'processed' },
      { control_id: 'TEST-1', sandbox: true, status: 'processed' },
      { control_id: 'TRAIN-1', sandbox: true, status: 'processed' },
      { control_id: 'TRAIN-2', sandbox: true, status: 'processed' },
      { control_id: 'TRAIN-3', sandbox: true, status: 'processed' },
    ]);
  });

  it('keeps every test message out of the worklist and search, and away from the live patient', async () => {
    const worklist = await json<{ items: Item[] }>('/api/worklist', admin);
    expect(worklist.items.map((f) => f.patient.mrn)).toEqual(['LIVE1']);
    for (const mrn of ['TESTONLY1', 'TRAINED', 'TRAINSTAY']) {
      expect((await json<{ items: Item[] }>(`/api/follow-ups?mrn=${mrn}`, admin)).items).toEqual([]);
    }
    // The training death did not cancel the live follow-up.
    const live = await json<{ items: { status: string }[] }>('/api/follow-ups?mrn=LIVE1', admin);
    expect(live.items.map((f) => f.status)).toEqual(['open']);
  });

  it('keeps every test message out of the census and the reports', async () => {
    const census = await json<Record<string, unknown>>('/api/census', admin);
    const text = JSON.stringify(census);
    for (const mrn of ['TESTONLY1', 'TRAINED', 'TRAINSTAY']) expect(text).not.toContain(mrn);
    const period = `from=${isoDate(7)}&to=${isoDate(0)}`;
    const members = await json<{ items: { patient: { mrn: string } }[] }>(
      `/api/reports/measures/tcm_contact_2bd/members?${period}`,
      admin,
    );
    expect(members.items.map((m) => m.patient.mrn)).toEqual(['LIVE1']);
    const ed = await json<{ items: unknown[] }>(
      `/api/reports/measures/ed_contact_7d/members?${period}`,
      admin,
    );
    expect(ed.items).toEqual([]);
  });

  it('shows ops each test message with the follow-ups it would have created', async () => {
    const page = await json<{
      items: { controlId: string; visitNumber: string; followUps: { kind: string; status: string }[] }[];
    }>('/api/ops/sandbox', ops);
    expect(
      page.items.map((m) => [m.controlId, m.visitNumber, m.followUps.map((f) => `${f.kind}:${f.status}`)]),
    ).toEqual([
      ['TRAIN-3', 'V-TRAINSTAY', []],
      ['TRAIN-2', 'V-TRAINED', ['ed_visit:open']],
      ['TRAIN-1', 'V-LIVE1', []],
      ['TEST-1', 'V-TESTONLY1', ['discharge:open']],
    ]);
  });
});
