import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import {
  MLLP_CR,
  MLLP_END,
  MLLP_START,
  MllpDecoder,
  encodeMllpFrame,
  type MllpDecoderEvent,
} from './mllp-decoder.js';

const MSG_A = 'MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5.1\rPID|1||123';
const MSG_B = 'MSH|^~\\&|A|B|C|D|20240101||ADT^A03|2|P|2.5.1\rPID|1||456';

/** Events with payloads as strings, easier to compare. */
function readable(events: MllpDecoderEvent[]): unknown[] {
  return events.map((e) => {
    switch (e.kind) {
      case 'frame':
        return { frame: e.payload.toString('latin1') };
      case 'garbage':
        return { garbage: e.bytes.toString('latin1') };
      case 'oversize':
        return { oversize: e.bytes };
      case 'abandoned':
        return { abandoned: e.bytes.toString('latin1') };
      default:
        return e satisfies never;
    }
  });
}

function pushAll(decoder: MllpDecoder, chunks: Buffer[]): unknown[] {
  return readable(chunks.flatMap((chunk) => decoder.push(chunk)));
}

describe('encodeMllpFrame', () => {
  it('wraps a string as UTF-8 between start and end blocks', () => {
    const frame = encodeMllpFrame('é');
    expect([...frame]).toEqual([MLLP_START, 0xc3, 0xa9, MLLP_END, MLLP_CR]);
  });

  it('wraps bytes as they are', () => {
    expect([...encodeMllpFrame(Buffer.from([0xe9]))]).toEqual([0x0b, 0xe9, 0x1c, 0x0d]);
  });
});

describe('MllpDecoder', () => {
  it('decodes one frame in one chunk', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 1024 });
    expect(pushAll(decoder, [encodeMllpFrame(MSG_A)])).toEqual([{ frame: MSG_A }]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('decodes several frames arriving in one chunk, in order', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 1024 });
    const chunk = Buffer.concat([encodeMllpFrame(MSG_A), encodeMllpFrame(MSG_B), encodeMllpFrame(MSG_A)]);
    expect(pushAll(decoder, [chunk])).toEqual([{ frame: MSG_A }, { frame: MSG_B }, { frame: MSG_A }]);
  });

  it('reassembles a frame split across chunks and reports buffered bytes meanwhile', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 1024 });
    const frame = encodeMllpFrame(MSG_A);
    expect(decoder.push(frame.subarray(0, 10))).toEqual([]);
    expect(decoder.bufferedBytes).toBe(9);
    expect(decoder.push(frame.subarray(10, 30))).toEqual([]);
    expect(pushAll(decoder, [frame.subarray(30)])).toEqual([{ frame: MSG_A }]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('handles 0x1C and 0x0D arriving in different chunks', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 1024 });
    const frame = encodeMllpFrame(MSG_A);
    expect(decoder.push(frame.subarray(0, frame.length - 1))).toEqual([]);
    expect(pushAll(decoder, [frame.subarray(frame.length - 1), encodeMllpFrame(MSG_B)])).toEqual([
      { frame: MSG_A },
      { frame: MSG_B },
    ]);
  });

  it('delivers an empty payload as an empty frame', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 10 });
    expect(pushAll(decoder, [Buffer.from([0x0b, 0x1c, 0x0d])])).toEqual([{ frame: '' }]);
  });

  it('keeps a 0x1C not followed by 0x0D as payload, also across chunks', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 1024 });
    const chunks = [
      Buffer.from([0x0b, 0x41, 0x1c]),
      Buffer.from([0x42, 0x1c, 0x43, 0x1c]),
      Buffer.from([0x0d]),
    ];
    expect(pushAll(decoder, chunks)).toEqual([{ frame: 'A\x1cB\x1cC' }]);
  });

  it('reports an HTTP probe once as garbage and still decodes the next frame', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 1024 });
    const probe = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';
    const events = pushAll(decoder, [Buffer.from(probe), encodeMllpFrame(MSG_A)]);
    expect(events).toEqual([{ garbage: probe }, { frame: MSG_A }]);
  });

  it('reports bytes between frames in one chunk as one garbage event, before the next frame', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 1024 });
    const chunk = Buffer.concat([encodeMllpFrame(MSG_A), Buffer.from('junk'), encodeMllpFrame(MSG_B)]);
    expect(pushAll(decoder, [chunk])).toEqual([{ frame: MSG_A }, { garbage: 'junk' }, { frame: MSG_B }]);
  });

  it('ignores line breaks some senders put after the end block', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 1024 });
    const chunk = Buffer.concat([
      encodeMllpFrame(MSG_A),
      Buffer.from('\n'),
      encodeMllpFrame(MSG_B),
      Buffer.from('\r\n'),
    ]);
    expect(pushAll(decoder, [chunk])).toEqual([{ frame: MSG_A }, { frame: MSG_B }]);
  });

  it('reports an oversize frame once, discards it up to the next start block, then recovers', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 10 });
    const big = encodeMllpFrame('x'.repeat(25));
    const events = pushAll(decoder, [
      big.subarray(0, 8),
      big.subarray(8, 16),
      big.subarray(16),
      encodeMllpFrame('ok'),
    ]);
    expect(events).toEqual([{ oversize: 15 }, { frame: 'ok' }]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('accepts a frame of exactly maxFrameBytes, even when its end block is split', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 5 });
    const frame = encodeMllpFrame('12345');
    expect(pushAll(decoder, [frame.subarray(0, 7), frame.subarray(7)])).toEqual([{ frame: '12345' }]);
  });

  it('rejects a frame one byte over the limit that ends in the same chunk', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 5 });
    expect(pushAll(decoder, [encodeMllpFrame('123456'), encodeMllpFrame('ok')])).toEqual([
      { oversize: 6 },
      { frame: 'ok' },
    ]);
  });

  it('abandons an unfinished frame when a new start block arrives', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 1024 });
    const chunk = Buffer.concat([Buffer.from([0x0b]), Buffer.from('partial'), encodeMllpFrame(MSG_A)]);
    expect(pushAll(decoder, [chunk])).toEqual([{ abandoned: 'partial' }, { frame: MSG_A }]);
  });

  it('says whether a frame is open, from its start block (even empty) to its end block', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 1024 });
    expect(decoder.frameOpen).toBe(false);
    decoder.push(Buffer.from([MLLP_START]));
    expect(decoder.frameOpen).toBe(true);
    expect(decoder.bufferedBytes).toBe(0);
    decoder.push(Buffer.from([0x41, MLLP_END]));
    expect(decoder.frameOpen).toBe(true);
    decoder.push(Buffer.from([MLLP_CR]));
    expect(decoder.frameOpen).toBe(false);
  });

  it('rejects a non-positive maxFrameBytes', () => {
    expect(() => new MllpDecoder({ maxFrameBytes: 0 })).toThrow(RangeError);
  });

  it('yields the same frames however the byte stream is chunked (property)', () => {
    // Payload bytes exclude the two framing bytes that cannot occur inside HL7 text.
    const payload = fc
      .uint8Array({ maxLength: 60 })
      .map((bytes) => Buffer.from(bytes.filter((b) => b !== MLLP_START && b !== MLLP_END)));
    fc.assert(
      fc.property(
        fc.array(payload, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (payloads, cuts) => {
          const stream = Buffer.concat(payloads.map((p) => encodeMllpFrame(p)));
          const points = [...new Set(cuts.map((c) => (stream.length === 0 ? 0 : c % stream.length)))].sort(
            (a, b) => a - b,
          );
          const chunks: Buffer[] = [];
          let from = 0;
          for (const point of [...points, stream.length]) {
            chunks.push(stream.subarray(from, point));
            from = point;
          }
          const decoder = new MllpDecoder({ maxFrameBytes: 64 });
          const frames = chunks.flatMap((chunk) => decoder.push(chunk));
          expect(frames).toEqual(payloads.map((p) => ({ kind: 'frame', payload: p })));
          expect(decoder.bufferedBytes).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
