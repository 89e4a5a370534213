import net from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildAck, encodeMllpFrame, MllpDecoder, readMessageHeader } from '@adt/hl7';
import { sendCommand } from './send.js';

/** A minimal receiver that answers each frame with the given code. */
async function fakeReceiver(code: 'AA' | 'AE'): Promise<{ port: number; close: () => void }> {
  const server = net.createServer((socket) => {
    const decoder = new MllpDecoder({ maxFrameBytes: 1 << 20 });
    socket.on('data', (chunk: Buffer) => {
      for (const event of decoder.push(chunk)) {
        if (event.kind !== 'frame') continue;
        const header = readMessageHeader(event.payload.toString('utf8'));
        socket.write(
          encodeMllpFrame(
            buildAck({
              request: header,
              code,
              ackControlId: 'A1',
              ...(code === 'AE' ? { text: 'bad' } : {}),
            }),
          ),
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return { port: address.port, close: () => server.close() };
}

async function folderWithMessages(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'adt-send-'));
  await writeFile(path.join(dir, 'b.hl7'), 'MSH|^~\\&|A|F|R|RF|20261118||ADT^A03|C2|P|2.5.1\nPID|1||M2\n');
  await writeFile(
    path.join(dir, 'a.hl7'),
    'MSH|^~\\&|A|F|R|RF|20261118||ADT^A01|C1|P|2.5.1\r\nPID|1||M1\r\n',
  );
  await writeFile(path.join(dir, 'notes.md'), 'not hl7');
  return dir;
}

describe('send command', () => {
  const written: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    written.length = 0;
  });

  function captureStdout() {
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(chunk.toString());
      return true;
    });
  }

  it('sends every HL7 file of a folder in name order and prints each ACK code', async () => {
    const receiver = await fakeReceiver('AA');
    const dir = await folderWithMessages();
    captureStdout();
    const exitCode = await sendCommand(dir, { host: '127.0.0.1', port: receiver.port });
    receiver.close();
    expect(exitCode).toBe(0);
    expect(written).toEqual([`AA ${path.join(dir, 'a.hl7')} C1\n`, `AA ${path.join(dir, 'b.hl7')} C2\n`]);
  });

  it('exits non-zero when an ACK is not AA', async () => {
    const receiver = await fakeReceiver('AE');
    const dir = await folderWithMessages();
    captureStdout();
    const exitCode = await sendCommand(path.join(dir, 'a.hl7'), { host: '127.0.0.1', port: receiver.port });
    receiver.close();
    expect(exitCode).toBe(1);
    expect(written[0]).toMatch(/^AE .*a\.hl7 C1 bad\n$/);
  });
});

describe('send command bytes', () => {
  it('sends a Latin-1 file byte for byte, with line endings fixed', async () => {
    const received: Buffer[] = [];
    const server = net.createServer((socket) => {
      const decoder = new MllpDecoder({ maxFrameBytes: 1 << 20 });
      socket.on('data', (chunk: Buffer) => {
        for (const event of decoder.push(chunk)) {
          if (event.kind !== 'frame') continue;
          received.push(Buffer.from(event.payload));
          const header = readMessageHeader(event.payload.toString('latin1'));
          socket.write(encodeMllpFrame(buildAck({ request: header, code: 'AA', ackControlId: 'A1' })));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'adt-send-latin1-'));
    const file = path.join(dir, 'latin1.hl7');
    const latin1 = Buffer.from(
      'MSH|^~\\&|A|F|R|RF|20261118||ADT^A01|C9|P|2.5.1||||||8859/1\r\nPID|1||M9||MÜLLER^JOSÉ\r\n',
      'latin1',
    );
    await writeFile(file, latin1);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await sendCommand(file, { host: '127.0.0.1', port })).toBe(0);
    server.close();
    expect(received[0]?.includes(Buffer.from('MÜLLER^JOSÉ', 'latin1'))).toBe(true);
    expect(received[0]?.includes(Buffer.from('\r\n'))).toBe(false);
  });
});
