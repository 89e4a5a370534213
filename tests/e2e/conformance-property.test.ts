/**
 * Property: a positive acknowledgment is a promise. Valid ADT messages are mutated (segments and
 * fields dropped, emptied, duplicated and garbled; separators, control bytes, escapes, long values
 * and segment names injected) and sent over a real MLLP socket to the listener, with the worker
 * processing against Postgres and Redis. Whatever the mutation, every frame leaves a stored row;
 * a message answered AA/CA ends `processed`; any other answer leaves it `rejected` with a reason.
 * A fixed seed and a bounded number of runs keep it deterministic and a few seconds long.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ackCodeFromAck, MLLP_END, MLLP_START } from '@adt/hl7';
import { MllpPeer } from '@adt/testing';
import { startTestStack, waitFor, type TestStack } from './stack.js';

const SEED = 20_261_206;
const RUNS = 250;
const POSITIVE = new Set(['AA', 'CA']);
const NEGATIVE = new Set(['AE', 'AR', 'CE', 'CR']);

/** A message as segments of fields (MSH-1 is the `|` between `MSH` and MSH-2). */
type Fields = string[][];

const EVENTS = [
  'A01',
  'A02',
  'A03',
  'A04',
  'A08',
  'A11',
  'A13',
  'A28',
  'A31',
  'A34',
  'A40',
  'A41',
  'A42',
  'A47',
];

const base = fc
  .record({
    event: fc.constantFrom(...EVENTS),
    version: fc.constantFrom('2.1', '2.2', '2.3', '2.4', '2.5.1', '2.7', '2.8'),
    patientClass: fc.constantFrom('I', 'E', 'O'),
    disposition: fc.constantFrom('', '01', '20', '03', '07'),
    mrn: fc.integer({ min: 1, max: 40 }),
    visit: fc.integer({ min: 1, max: 60 }),
    enhanced: fc.boolean(),
  })
  .map((m): Fields => {
    const pv1 = Array.from({ length: 46 }, () => '');
    pv1[0] = 'PV1';
    pv1[1] = '1';
    pv1[2] = m.patientClass;
    pv1[3] = '4W^101^A^GH';
    pv1[19] = `V${m.visit}`;
    pv1[36] = m.disposition;
    pv1[44] = '20261117080000';
    pv1[45] = m.event === 'A03' ? '20261118120000' : '';
    const msh = [
      'MSH',
      '^~\\&',
      'EPIC',
      'GH',
      'FU',
      'PRACTICE',
      '20261118130000',
      '',
      `ADT^${m.event}`,
      'ID',
      'P',
    ];
    msh.push(m.version, '', '', ...(m.enhanced ? ['AL', 'AL'] : []));
    return [
      msh,
      ['EVN', m.event, '20261118130000'],
      ['PID', '1', '', `M${m.mrn}^^^GH^MR~S${m.mrn}^^^SSA^SS`, '', 'DOE^JANE^Q', '', '19500101', 'F'].concat([
        '',
        '',
        '1 MAIN ST^^TOWN^NY^12345',
        '',
        '555-0100',
        '',
        '',
        '',
        '',
        '',
        `AC${m.visit}`,
      ]),
      pv1,
      ['DG1', '1', '', 'I50.9^Heart failure^I10'],
      ['MRG', `M${m.mrn + 1}^^^GH^MR`, '', `AC${m.visit + 1}`, '', `V${m.visit + 1}`],
    ];
  });

/** Values that have broken receivers: separators, control bytes, escapes, segment names, lengths. */
const hostileValue = fc.oneof(
  fc.constantFrom('|', '^', '~', '\\', '&', '\r', '\n', '\r\n', '\n\r'),
  fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000c', '\u001b', '\u007f'),
  fc.constantFrom('MSH', 'MSH|', 'EVN|A01', 'PID|1||X', 'BHS|^~\\&', 'FHS', 'BTS|9', '\rMSH|^~\\&|X|Y'),
  fc.constantFrom('\\X00\\', '\\X0D\\', '\\E\\', '\\', '""', '\\H\\', '\\X\\'),
  fc.constantFrom(
    'X'.repeat(250),
    '9'.repeat(4_000),
    'É'.repeat(300),
    '0000',
    '00000101',
    '00000000',
    '99991231235959-1400',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

type Mutation =
  | { kind: 'dropSegment' | 'emptySegment' | 'duplicateSegment'; segment: number }
  | { kind: 'garbleSegment'; segment: number; value: string }
  | { kind: 'dropField'; segment: number; field: number }
  | { kind: 'emptyField'; segment: number; field: number }
  | { kind: 'duplicateField'; segment: number; field: number }
  | { kind: 'setField'; segment: number; field: number; value: string; at: number }
  | { kind: 'insertInField'; segment: number; field: number; value: string; at: number };

const position = fc.nat({ max: 60 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('dropSegment' as const, 'emptySegment' as const, 'duplicateSegment' as const),
    segment: position,
  }),
  fc.record({ kind: fc.constant('garbleSegment' as const), segment: position, value: hostileValue }),
  fc.record({
    kind: fc.constantFrom('dropField' as const, 'emptyField' as const, 'duplicateField' as const),
    segment: position,
    field: position,
  }),
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom('setField' as const, 'insertInField' as const),
      segment: position,
      field: position,
      value: hostileValue,
      at: position,
    }),
  },
);

/** Field 0 is the segment name; it is mutated too. */
function fieldIndex(segment: readonly string[], field: number): number {
  return field % Math.max(segment.length, 1);
}

function mutate(message: Fields, m: Mutation): Fields {
  const out = message.map((segment) => [...segment]);
  const s = m.segment % out.length;
  const segment = out[s] ?? [];
  switch (m.kind) {
    case 'dropSegment':
      out.splice(s, 1);
      break;
    case 'emptySegment':
      out[s] = segment.slice(0, 1);
      break;
    case 'duplicateSegment':
      out.splice(s, 0, [...segment]);
      break;
    case 'garbleSegment':
      out[s] = [m.value];
      break;
    case 'dropField':
      segment.splice(fieldIndex(segment, m.field), 1);
      break;
    case 'emptyField':
      segment[fieldIndex(segment, m.field)] = '';
      break;
    case 'duplicateField': {
      const f = fieldIndex(segment, m.field);
      segment.splice(f, 0, segment[f] ?? '');
      break;
    }
    case 'setField':
      segment[fieldIndex(segment, m.field)] = m.value;
      break;
    case 'insertInField': {
      const f = fieldIndex(segment, m.field);
      const value = segment[f] ?? '';
      const at = m.at % (value.length + 1);
      segment[f] = value.slice(0, at) + m.value + value.slice(at);
      break;
    }
    default:
      m satisfies never;
  }
  return out;
}

const scenario = fc.record({
  message: base,
  mutations: fc.array(mutation, { minLength: 0, maxLength: 3 }),
  segmentBreak: fc.constantFrom('\r', '\n', '\r\n'),
});

interface StoredRow {
  id: string;
  status: string;
  status_reason: string | null;
  ack_code: string | null;
  duplicate_of: string | null;
  raw: Buffer | null;
}

describe('an AA/CA is a promise (property, over MLLP with processing)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('conformanceprop');
  });

  afterAll(async () => {
    await stack.stop();
  });

  async function rowsAfter(id: string): Promise<StoredRow[]> {
    const result = await stack.db.pool.query<StoredRow>(
      `SELECT m.id, m.status, m.status_reason, m.ack_code, m.duplicate_of, r.raw
         FROM inbound_messages m
         LEFT JOIN inbound_message_raw r ON r.message_id = m.id AND r.received_at = m.received_at
        WHERE m.id > $1 ORDER BY m.id`,
      [id],
    );
    return result.rows;
  }

  it(`mutated messages: answered AA/CA ⇒ processed, else rejected with a reason (${RUNS} runs, seed ${SEED})`, async () => {
    let lastId = '0';
    let run = 0;
    const accepted: string[] = [];
    await fc.assert(
      fc.asyncProperty(scenario, async ({ message, mutations, segmentBreak }) => {
        run += 1;
        const fields = message.map((segment) => [...segment]);
        // A control ID and patient of its own, so runs do not collide as duplicates unless mutated.
        (fields[0] ?? [])[9] = `P${run}`;
        const text = mutations
          .reduce(mutate, fields)
          .map((segment) => segment.join('|'))
          .join(segmentBreak);
        // Frame bytes cannot be carried inside a frame at all; everything else can.
        const bytes = Buffer.from(
          Buffer.from(text, 'utf8').filter((b) => b !== MLLP_START && b !== MLLP_END),
        );
        // A connection per message: an application ACK (MSH-16) of one message, sent once the
        // worker is done, must not be read as the answer to the next.
        const peer = await MllpPeer.connect(stack.listener.mllpPort);
        const answer = await peer.sendMaybe(bytes, 1_000);
        peer.close();
        const rows = await waitFor(async () => {
          const found = await rowsAfter(lastId);
          return found.length > 0 ? found : undefined;
        }, 2_000);
        lastId = rows[rows.length - 1]?.id ?? lastId;

        // Every stored message records the answer it got at intake.
        for (const row of rows) {
          const code = row.ack_code ?? '';
          if (row.status === 'rejected') {
            expect(NEGATIVE.has(code), `rejected row ${row.id} with ${code}`).toBe(true);
            expect(row.status_reason ?? '').not.toBe('');
          } else {
            expect(POSITIVE.has(code), `${row.status} row ${row.id} with ${code}`).toBe(true);
            accepted.push(row.id);
          }
        }
        if (answer === null) return;
        // The answer agrees with what was stored: one ACK per message, in order.
        const answerText = answer.toString('utf8');
        expect(answerText.endsWith('\r')).toBe(true);
        const codes = answerText
          .split('\r')
          .filter((segment) => segment.startsWith('MSA'))
          .map((segment) => ackCodeFromAck(segment).code);
        if (codes.length === rows.length) {
          codes.forEach((code, i) => {
            expect(POSITIVE.has(code)).toBe(POSITIVE.has(rows[i]?.ack_code ?? ''));
          });
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );

    // Everything answered positively is processed once the worker has caught up.
    const ids = [...new Set(accepted)];
    const final = await waitFor(async () => {
      const result = await stack.db.pool.query<StoredRow & { original_status: string | null }>(
        `SELECT m.id, m.status, m.status_reason, m.ack_code, m.duplicate_of, r.raw, o.status AS original_status
           FROM inbound_messages m LEFT JOIN inbound_messages o ON o.id = m.duplicate_of
           LEFT JOIN inbound_message_raw r ON r.message_id = m.id AND r.received_at = m.received_at
          WHERE m.id = ANY($1::bigint[])`,
        [ids],
      );
      const busy = result.rows.some(
        (r) => r.status === 'received' || (r.status === 'duplicate' && r.original_status === 'received'),
      );
      return busy ? undefined : result.rows;
    }, 30_000);
    const broken = final
      .filter(
        (r) => !(r.status === 'processed' || (r.status === 'duplicate' && r.original_status === 'processed')),
      )
      .map((r) => ({
        id: r.id,
        status: r.status,
        reason: r.status_reason,
        raw: JSON.stringify(r.raw?.toString('utf8')),
      }));
    expect(broken).toEqual([]);
    expect(ids.length).toBeGreaterThan(RUNS / 5);
  }, 120_000);
});
