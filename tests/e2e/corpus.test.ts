/**
 * The fixture corpus (tests/fixtures/corpus/, described by tests/fixtures/corpus.json): realistic
 * feeds from several vendors and HL7 versions, replayed in order over one MLLP connection to the
 * whole stack. Checks the ACK of every file, the stored status of every message once the worker
 * is done, and the follow-up state of every (facility, visit) the manifest names.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ackCodeFromAck,
  decodeHl7Bytes,
  encodeMllpFrame,
  MllpDecoder,
  normalizeMessageText,
  readMessageHeader,
  splitBatch,
  triggerEventOf,
} from '@adt/hl7';
import { startTestStack, type TestStack } from './stack.js';

interface ManifestMessage {
  file: string;
  /** MSA-1 expected; a list for a batch, one per message. */
  ack: string | string[];
  /** Text the negative ACK's MSA-3 must contain. */
  ackText?: string;
  /** Status of the stored message once processing settles; `skip` when it cannot be looked up by control ID. */
  stored: 'processed' | 'rejected' | 'duplicate' | 'skip';
  note?: string;
}

interface ExpectedFollowUp {
  kind: string;
  status: string;
  dueAt: string;
  reason?: string;
  priority?: string;
  inEdNow?: boolean;
}

interface ManifestVisit {
  facility: string;
  visit: string;
  /** No encounter may exist for this visit (its messages were refused). */
  absent?: boolean;
  followUps?: ExpectedFollowUp[];
  /** MRN (PID-3) the encounter and its follow-ups belong to after merges. */
  patient?: string;
  note?: string;
}

interface ManifestPatient {
  assigningAuthority: string;
  mrn: string;
  familyName: string;
  givenName: string;
  note?: string;
}

interface Manifest {
  environment: Record<string, string>;
  messages: ManifestMessage[];
  visits: ManifestVisit[];
  patients: ManifestPatient[];
}

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const manifest = JSON.parse(readFileSync(path.join(FIXTURES, 'corpus.json'), 'utf8')) as Manifest;
/** Every event of the routing table. */
const ROUTED_EVENTS = [
  'A01',
  'A02',
  'A03',
  'A04',
  'A05',
  'A06',
  'A08',
  'A11',
  'A12',
  'A13',
  'A14',
  'A21',
  'A22',
  'A27',
  'A28',
  'A31',
  'A38',
  'A40',
  'A34',
  'A18',
  'A39',
  'A41',
  'A42',
  'A47',
];
/** How long the worker gets to settle every message after the replay. */
const SETTLE_TIMEOUT_MS = 45_000;

/** Sends frames of raw bytes (the files may be Latin-1) and reads one answer per frame. */
class RawPeer {
  private readonly decoder = new MllpDecoder({ maxFrameBytes: 1 << 22 });
  private readonly frames: Buffer[] = [];
  private wake: (() => void) | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const event of this.decoder.push(chunk)) {
        if (event.kind === 'frame') this.frames.push(Buffer.from(event.payload));
      }
      this.wake?.();
    });
  }

  static async connect(port: number): Promise<RawPeer> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => socket.once('connect', resolve));
    return new RawPeer(socket);
  }

  async send(bytes: Buffer, timeoutMs = 10_000): Promise<Buffer> {
    this.socket.write(encodeMllpFrame(bytes));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.shift();
      if (frame) return frame;
      if (Date.now() > deadline) throw new Error('no answer in time');
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 50);
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

interface Replayed {
  /** MSH-10 of the file, '' when unreadable or a batch. */
  controlId: string;
  /** Which occurrence of that control ID this send is (0 for the first). */
  occurrence: number;
  acks: { code: string; controlId: string; text: string }[];
  answer: string;
}

function controlIdOf(bytes: Buffer): string {
  try {
    const text = normalizeMessageText(decodeHl7Bytes(bytes));
    return text.startsWith('MSH') ? readMessageHeader(text).controlId : '';
  } catch {
    return '';
  }
}

/** Every MSA in an answer: one for a message, one per message for a batch answer. */
function acksOf(answer: string): Replayed['acks'] {
  return normalizeMessageText(answer)
    .split(/\r(?=MSH)/)
    .filter((part) => part.includes('\rMSA'))
    .map((part) => ackCodeFromAck(part.slice(part.indexOf('MSH'))));
}

describe('fixture corpus replayed over MLLP', () => {
  let stack: TestStack;
  const replayed = new Map<number, Replayed>();

  beforeAll(async () => {
    stack = await startTestStack('corpus', manifest.environment);
    const peer = await RawPeer.connect(stack.listener.mllpPort);
    const seen = new Map<string, number>();
    try {
      for (const [index, entry] of manifest.messages.entries()) {
        const bytes = readFileSync(path.join(FIXTURES, 'corpus', entry.file));
        const answer = decodeHl7Bytes(await peer.send(bytes));
        const controlId = controlIdOf(bytes);
        const occurrence = seen.get(controlId) ?? 0;
        seen.set(controlId, occurrence + 1);
        replayed.set(index, { controlId, occurrence, acks: acksOf(answer), answer });
      }
    } finally {
      peer.close();
    }
    // Let the worker finish; what is still unprocessed after the timeout shows up in the tests.
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const pending = await stack.db.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM inbound_messages WHERE status = 'received'",
      );
      if (pending.rows[0]?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 120_000);

  afterAll(async () => {
    await stack.stop();
  });

  it('holds at least 40 messages covering every routed event type and HL7 2.3 to 2.8', () => {
    expect(manifest.messages.length).toBeGreaterThanOrEqual(40);
    const headers = manifest.messages.flatMap((m) =>
      splitBatch(
        normalizeMessageText(decodeHl7Bytes(readFileSync(path.join(FIXTURES, 'corpus', m.file)))),
      ).flatMap((text) => {
        try {
          const header = readMessageHeader(text);
          return [{ event: triggerEventOf(text, header), version: header.versionId }];
        } catch {
          return [];
        }
      }),
    );
    const events = new Set(headers.map((h) => h.event));
    const versions = new Set(headers.map((h) => h.version));
    for (const event of ROUTED_EVENTS) expect(events, event).toContain(event);
    for (const version of ['2.3', '2.3.1', '2.4', '2.5', '2.5.1', '2.6', '2.7', '2.8']) {
      expect(versions, version).toContain(version);
    }
  });

  describe('acknowledgments', () => {
    it.each(manifest.messages.map((entry, index) => ({ ...entry, index })))(
      '#$index $file → $ack',
      ({ index, ack, ackText }) => {
        const sent = replayed.get(index);
        expect(sent, 'the file was sent').toBeDefined();
        if (!sent) return;
        const expected = Array.isArray(ack) ? ack : [ack];
        expect(sent.acks.map((a) => a.code)).toEqual(expected);
        if (!Array.isArray(ack) && sent.controlId !== '')
          expect(sent.acks[0]?.controlId).toBe(sent.controlId);
        if (ackText !== undefined) {
          expect(sent.acks[0]?.text).toContain(ackText);
          expect(sent.answer).toMatch(/\rERR\|/);
        }
      },
    );
  });

  describe('stored messages once processing settles', () => {
    const checked = manifest.messages
      .map((entry, index) => ({ ...entry, index }))
      .filter((entry) => entry.stored !== 'skip');
    it.each(checked)('#$index $file is $stored', async ({ index, stored }) => {
      const sent = replayed.get(index);
      if (!sent) throw new Error('the file was not sent');
      const rows = await stack.db.pool.query<{ status: string; status_reason: string | null }>(
        'SELECT status, status_reason FROM inbound_messages WHERE control_id = $1 ORDER BY id',
        [sent.controlId],
      );
      const row = rows.rows[sent.occurrence];
      expect({ status: row?.status, reason: row?.status_reason }).toMatchObject({ status: stored });
    });
  });

  describe('names read in their character set', () => {
    it.each(manifest.patients)('$assigningAuthority $mrn is $familyName, $givenName', async (expected) => {
      const rows = await stack.db.pool.query<{ family_name: string; given_name: string }>(
        'SELECT family_name, given_name FROM patients WHERE assigning_authority = $1 AND mrn = $2',
        [expected.assigningAuthority, expected.mrn],
      );
      expect(rows.rows).toEqual([{ family_name: expected.familyName, given_name: expected.givenName }]);
    });
  });

  describe('follow-up state per visit', () => {
    it.each(manifest.visits)('$facility $visit', async (expected) => {
      const encounters = await stack.db.pool.query<{ mrn: string }>(
        `SELECT p.mrn FROM encounters e JOIN patients p ON p.id = e.patient_id
          WHERE e.facility = $1 AND (e.visit_number = $2 OR e.encounter_key = $2)`,
        [expected.facility, expected.visit],
      );
      if (expected.absent === true) {
        expect(encounters.rowCount).toBe(0);
        return;
      }
      expect(encounters.rowCount, 'an encounter exists').toBeGreaterThan(0);
      if (expected.patient !== undefined) {
        expect(new Set(encounters.rows.map((r) => r.mrn))).toEqual(new Set([expected.patient]));
      }
      const rows = await stack.db.pool.query<{
        kind: string;
        status: string;
        due_at: Date;
        status_reason: string | null;
        priority: string;
        in_ed_now: boolean;
        mrn: string;
      }>(
        `SELECT f.kind, f.status, f.due_at, f.status_reason, f.priority, f.in_ed_now, p.mrn
           FROM follow_ups f
           JOIN encounters e ON e.id = f.encounter_id
           JOIN patients p ON p.id = f.patient_id
          WHERE e.facility = $1 AND (e.visit_number = $2 OR e.encounter_key = $2)`,
        [expected.facility, expected.visit],
      );
      const wanted = [...(expected.followUps ?? [])].sort((a, b) =>
        (a.kind + a.status).localeCompare(b.kind + b.status),
      );
      const actual = rows.rows
        .map((row) => {
          const want = wanted.find((w) => w.kind === row.kind && w.status === row.status);
          return {
            kind: row.kind,
            status: row.status,
            dueAt: row.due_at.toISOString(),
            ...(want?.reason === undefined ? {} : { reason: row.status_reason }),
            ...(want?.priority === undefined ? {} : { priority: row.priority }),
            ...(want?.inEdNow === undefined ? {} : { inEdNow: row.in_ed_now }),
          };
        })
        .sort((a, b) => (a.kind + a.status).localeCompare(b.kind + b.status));
      expect(actual).toEqual(wanted.map((w) => ({ ...w, dueAt: new Date(w.dueAt).toISOString() })));
      if (expected.patient !== undefined) {
        expect(rows.rows.map((r) => r.mrn).filter((mrn) => mrn !== expected.patient)).toEqual([]);
      }
    });
  });
});
