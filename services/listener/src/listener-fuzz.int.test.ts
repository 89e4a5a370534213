/**
 * Property test of the running listener against what real networks deliver: random and mutated
 * frames, truncated messages, split and merged TCP chunks, oversize frames, abandoned frames,
 * noise between frames, HTTP probes and TLS ClientHellos. The listener must never crash, answer
 * every complete frame exactly once and in order (or close the connection of a peer that does
 * not speak MLLP), and keep serving: after every run a well-formed message still gets AA.
 */
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@adt/db';
import { ackCodeFromAck, encodeMllpFrame, MLLP_END, MLLP_START, MllpDecoder } from '@adt/hl7';
import { createLogger } from '@adt/logging';
import { createTestDatabase, hl7TestMessage, type TestDatabase } from '@adt/testing';
import { listenerTestConfig } from './testing/listener-test-config.js';
import { startListener, type RunningListener } from './listener.js';

const MAX_FRAME_BYTES = 4_096;
const RUNS = 150;
const ACK_CODES = new Set(['AA', 'AE', 'AR', 'CA', 'CE', 'CR']);
const log = createLogger({ service: 'listener-fuzz', level: 'silent' });

/** What one item of the stream must get back. */
type Expectation =
  { kind: 'aa'; controlId: string } | { kind: 'any' } | { kind: 'oversize' } | { kind: 'none' };

interface StreamItem {
  bytes: Buffer;
  expect: Expectation;
}

/** Frame payloads never contain the start or end block: HL7 text cannot. */
function sanitize(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.filter((b) => b !== MLLP_START && b !== MLLP_END));
}

const segmentBreak = fc.constantFrom('\r', '\n', '\r\n');

const validMessage = fc
  .record({
    controlId: fc.stringMatching(/^[A-Z0-9]{6,14}$/),
    event: fc.constantFrom('A01', 'A03', 'A04', 'A08', 'A28'),
    version: fc.constantFrom('2.3', '2.4', '2.5.1', '2.7', '2.8'),
    mrn: fc.stringMatching(/^[0-9]{5,9}$/),
    visit: fc.stringMatching(/^V[0-9]{4,8}$/),
    name: fc.constantFrom('DOE^JANE', 'O\\S\\BRIEN^SEAN', 'M\u00dcLLER^J\u00d6RG', '""^""'),
    breakWith: segmentBreak,
  })
  .map((m) => ({
    controlId: m.controlId,
    text: hl7TestMessage({
      controlId: m.controlId,
      event: m.event,
      facility: 'FUZZ_HOSP',
      mrn: m.mrn,
      msh: { 3: 'FUZZ', 5: 'FU', 12: m.version },
      pid: { 5: m.name },
      pv1: { 19: m.visit },
    }).replaceAll('\r', m.breakWith),
  }));

const valid: fc.Arbitrary<StreamItem> = validMessage.map((m) => ({
  bytes: encodeMllpFrame(sanitize(Buffer.from(m.text, 'utf8'))),
  expect: { kind: 'aa', controlId: m.controlId },
}));

const mutated: fc.Arbitrary<StreamItem> = fc
  .tuple(
    validMessage,
    fc.array(
      fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete')),
      { minLength: 1, maxLength: 8 },
    ),
  )
  .map(([m, edits]) => {
    const bytes = [...Buffer.from(m.text, 'utf8')];
    for (const [at, value, op] of edits) {
      const i = bytes.length === 0 ? 0 : at % bytes.length;
      if (op === 'set') bytes[i] = value;
      else if (op === 'insert') bytes.splice(i, 0, value);
      else bytes.splice(i, 1);
    }
    return { bytes: encodeMllpFrame(sanitize(Uint8Array.from(bytes))), expect: { kind: 'any' } };
  });

const truncated: fc.Arbitrary<StreamItem> = fc.tuple(validMessage, fc.nat()).map(([m, at]) => ({
  bytes: encodeMllpFrame(Buffer.from(m.text, 'utf8').subarray(0, at % (m.text.length + 1))),
  expect: { kind: 'any' },
}));

const randomFrame: fc.Arbitrary<StreamItem> = fc.uint8Array({ maxLength: 400 }).map((bytes) => ({
  bytes: encodeMllpFrame(sanitize(bytes)),
  expect: { kind: 'any' },
}));

const oversize: fc.Arbitrary<StreamItem> = fc
  .integer({ min: MAX_FRAME_BYTES + 1, max: 4 * MAX_FRAME_BYTES })
  .map((n) => ({
    bytes: encodeMllpFrame(Buffer.from(`MSH|^~\\&|${'X'.repeat(n)}`)),
    expect: { kind: 'oversize' },
  }));

const batch: fc.Arbitrary<StreamItem> = fc.tuple(validMessage, validMessage).map(([a, b]) => ({
  bytes: encodeMllpFrame(['FHS|^~\\&', 'BHS|^~\\&', a.text, b.text, 'BTS|2', 'FTS|1'].join('\r')),
  expect: { kind: 'any' },
}));

/** A start block and part of a message, then the sender starts over: no answer for the fragment. */
const abandoned: fc.Arbitrary<StreamItem> = fc.tuple(validMessage, fc.nat()).map(([m, at]) => ({
  bytes: Buffer.concat([
    Buffer.from([MLLP_START]),
    sanitize(Buffer.from(m.text).subarray(0, at % m.text.length)),
  ]),
  expect: { kind: 'none' },
}));

/** Bytes between frames from a peer already speaking MLLP: ignored. */
const noise: fc.Arbitrary<StreamItem> = fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => ({
  bytes: sanitize(bytes),
  expect: { kind: 'none' },
}));

/** A peer that does not speak MLLP: its connection is closed. */
const probe = fc.oneof(
  fc.constant(Buffer.from('GET /healthz HTTP/1.1\r\nHost: listener\r\nUser-Agent: kube-probe/1.29\r\n\r\n')),
  fc.uint8Array({ minLength: 32, maxLength: 200 }).map((random) =>
    // TLS 1.2 record header + ClientHello handshake header, then random body bytes.
    Buffer.concat([
      Buffer.from([0x16, 0x03, 0x01, 0x00, 0xc8, 0x01, 0x00, 0x00, 0xc4, 0x03, 0x03]),
      sanitize(random),
    ]),
  ),
  fc
    .uint8Array({ minLength: 1, maxLength: 100 })
    .map((random) => Buffer.concat([Buffer.from('Z'), sanitize(random)])),
);

const scenario = fc.record({
  // One run in five starts with a peer that does not speak MLLP.
  probe: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: probe, weight: 1 }),
  first: fc.oneof(valid, mutated, truncated, randomFrame, oversize, batch),
  rest: fc.array(fc.oneof(valid, mutated, truncated, randomFrame, oversize, batch, abandoned, noise), {
    maxLength: 6,
  }),
  cuts: fc.array(fc.nat(), { maxLength: 10 }),
});

/** Writes the stream in the given chunks and collects answers until `expected` or the socket closes. */
async function exchange(port: number, stream: Buffer, cuts: number[], expected: number) {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  const decoder = new MllpDecoder({ maxFrameBytes: 1 << 20 });
  const answers: string[] = [];
  // An object, not a boolean local: the callbacks below change it between awaits.
  const state = { closed: false };
  socket.on('data', (chunk: Buffer) => {
    for (const event of decoder.push(chunk))
      if (event.kind === 'frame') answers.push(event.payload.toString('utf8'));
  });
  socket.on('close', () => {
    state.closed = true;
  });
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const point of [...points, stream.length]) {
    if (point > from && !state.closed) socket.write(stream.subarray(from, point));
    from = point;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const deadline = Date.now() + 5_000;
  while (answers.length < expected && !state.closed && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 5));
  // Anything beyond the expected answers would arrive promptly; give it a moment.
  await new Promise((r) => setTimeout(r, 15));
  const result = { answers: [...answers], closed: state.closed };
  socket.destroy();
  return result;
}

function checkAnswer(answer: string, expectation: Expectation): void {
  if (/^(?:FHS|BHS)/.test(answer)) {
    expect(answer).toMatch(/\rBTS\|\d+(?:\r|$)/);
    return;
  }
  const ack = ackCodeFromAck(answer);
  expect(ACK_CODES.has(ack.code)).toBe(true);
  if (expectation.kind === 'aa') expect(ack).toMatchObject({ code: 'AA', controlId: expectation.controlId });
  if (expectation.kind === 'oversize') {
    expect(ack.code).toBe('AR');
    expect(ack.text).toContain(`larger than ${MAX_FRAME_BYTES} bytes`);
  }
  if (ack.code !== 'AA') expect(ack.text).not.toBe('');
}

describe('listener under random and hostile input (property)', () => {
  let db: TestDatabase;
  let listener: RunningListener;

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'listenerfuzz');
    const config = listenerTestConfig(db, 'listenerfuzz', {
      MLLP_MAX_FRAME_BYTES: String(MAX_FRAME_BYTES),
      LOG_LEVEL: 'silent',
    });
    listener = await startListener(config, log);
  });

  afterAll(async () => {
    await listener.stop();
    await db.drop();
  });

  it(`answers every frame in order or closes a non-MLLP peer, and keeps serving (${RUNS} runs)`, async () => {
    let wellFormed = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ probe: garbage, first, rest, cuts }) => {
        const items = [first, ...rest];
        const stream = Buffer.concat([...(garbage === null ? [] : [garbage]), ...items.map((i) => i.bytes)]);
        const answered = items.filter((i) => i.expect.kind !== 'none');
        const { answers, closed } = await exchange(listener.mllpPort, stream, cuts, answered.length);
        if (garbage !== null) {
          expect(closed).toBe(true);
          expect(answers).toEqual([]);
        } else {
          expect(closed).toBe(false);
          expect(answers).toHaveLength(answered.length);
          answered.forEach((item, i) => {
            checkAnswer(answers[i] ?? '', item.expect);
          });
        }
        // Still serving: a fresh, well-formed message gets AA.
        wellFormed += 1;
        const controlId = `FUZZOK${wellFormed}`;
        const check = await exchange(
          listener.mllpPort,
          encodeMllpFrame(
            `MSH|^~\\&|FUZZ|FUZZ_HOSP|FU|PRACTICE|20261118||ADT^A08|${controlId}|P|2.5.1\rPID|1||1^^^FUZZ_HOSP^MR`,
          ),
          [],
          1,
        );
        expect(check.answers.map((a) => ackCodeFromAck(a))).toMatchObject([{ code: 'AA', controlId }]);
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});
