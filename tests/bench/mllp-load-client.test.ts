import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hl7TestMessage } from '@adt/testing';
import { frameMessage, MllpFrameReader, MllpLoadConnection, readAckFields } from './mllp-load-client.js';

const ack = (code: string, controlId: string) =>
  `MSH|^~\\&|RCV|FAC|SND|FAC|20260101000000||ACK^A01^ACK|X${controlId}|P|2.5.1\rMSA|${code}|${controlId}\r`;

describe('MllpFrameReader', () => {
  it('returns the same frames however the byte stream is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 20 }),
        (messages, cuts) => {
          // Payloads free of the framing bytes, as ACK text is.
          const payloads = messages.map((m) => m.replaceAll('\x0b', '.').replaceAll('\x1c', '.'));
          const stream = Buffer.concat(payloads.map((p) => frameMessage(p)));
          const reader = new MllpFrameReader();
          const received: string[] = [];
          let at = 0;
          for (let i = 0; at < stream.length; i += 1) {
            const size = cuts[i % cuts.length] ?? 1;
            for (const frame of reader.push(stream.subarray(at, at + size)))
              received.push(frame.toString('utf8'));
            at += size;
          }
          expect(received).toEqual(payloads);
        },
      ),
    );
  });

  it('waits for the CR after FS, and drops bytes outside frames', () => {
    const reader = new MllpFrameReader();
    expect(reader.push(Buffer.from('noise\x0bMSA|AA|1\x1c'))).toEqual([]);
    expect(reader.push(Buffer.from('\r\x0bMSA|AA|2\x1c\r')).map(String)).toEqual(['MSA|AA|1', 'MSA|AA|2']);
  });
});

describe('readAckFields', () => {
  it('reads MSA-1 and MSA-2 after MSH, with CR or LF separators', () => {
    expect(readAckFields(ack('AA', 'C-17'))).toEqual({ code: 'AA', controlId: 'C-17' });
    expect(readAckFields('MSH|^~\\&|A|B\nMSA|AE|42|bad PID\n')).toEqual({ code: 'AE', controlId: '42' });
    expect(readAckFields('MSH#^~\\&#A#B\rMSA#AR#7')).toEqual({ code: 'AR', controlId: '7' });
  });

  it('does not take a field that merely contains MSA for the segment', () => {
    expect(readAckFields('MSH|^~\\&|MSA|B\rERR|x')).toBeNull();
  });
});

describe('MllpLoadConnection', () => {
  const servers: net.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    servers.length = 0;
  });

  /** A receiver that holds each pair of messages and answers them in reverse, in one write. */
  async function reversingReceiver(extra = ''): Promise<number> {
    const server = net.createServer((socket) => {
      const reader = new MllpFrameReader();
      const held: string[] = [];
      socket.on('data', (chunk: Buffer) => {
        for (const frame of reader.push(chunk)) {
          held.push(frame.toString('latin1').split('\r')[0]?.split('|')[9] ?? '');
          if (held.length === 2) {
            const [first, second] = held.splice(0);
            socket.write(
              Buffer.concat([
                frameMessage(ack('AA', second ?? '')),
                frameMessage(extra || ack('AE', first ?? '')),
              ]),
            );
          }
        }
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  const message = (controlId: string) =>
    frameMessage(hl7TestMessage({ controlId, event: 'A01', pid: null, pv1: null }));

  it('matches ACKs to messages by MSA-2, not by arrival order, when two arrive in one chunk', async () => {
    const connection = await MllpLoadConnection.connect(await reversingReceiver());
    const [first, second] = await Promise.all([
      connection.send(message('M1'), 'M1'),
      connection.send(message('M2'), 'M2'),
    ]);
    expect(first.code).toBe('AE');
    expect(second.code).toBe('AA');
    expect(first.latencyMs).toBeGreaterThanOrEqual(0);
    expect(connection.unmatchedAcks).toBe(0);
    await connection.close();
  });

  it('counts an ACK for no message in flight as unmatched and times the message out', async () => {
    const connection = await MllpLoadConnection.connect(await reversingReceiver(ack('AA', 'STALE')));
    const answered = connection.send(message('M1'), 'M1', 300);
    const second = await connection.send(message('M2'), 'M2', 300);
    expect(second.code).toBe('AA');
    await expect(answered).rejects.toThrow(/no ACK for M1/);
    expect(connection.unmatchedAcks).toBe(1);
    await connection.close();
  });

  it('refuses a second message with a control id already in flight', async () => {
    const connection = await MllpLoadConnection.connect(await reversingReceiver());
    const first = connection.send(message('M1'), 'M1', 200);
    await expect(connection.send(message('M1'), 'M1')).rejects.toThrow(/already in flight/);
    await expect(first).rejects.toThrow();
    await connection.close();
  });
});
