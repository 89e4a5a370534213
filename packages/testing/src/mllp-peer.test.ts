import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MllpPeer } from './mllp-peer.js';

const servers: net.Server[] = [];

/** A server that answers each connection by writing `chunks` in order, then leaves it open. */
async function answering(chunks: Buffer[]): Promise<number> {
  const server = net.createServer((socket) => {
    socket.once('data', () => {
      for (const chunk of chunks) socket.write(chunk);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('MllpPeer', () => {
  it('frames what it sends and reads frames split across chunks or sharing one', async () => {
    const port = await answering([
      Buffer.from('\x0bMSA|AA|1\x1c'),
      Buffer.from('\r\x0bMSA|AA|2\x1c\r\x0bMSA|AA|3\x1c\r'),
    ]);
    const peer = await MllpPeer.connect(port);
    const first = await peer.sendForFrame('MSH|^~\\&|A');
    expect(first.payload.toString()).toBe('MSA|AA|1');
    expect(first.raw).toEqual(Buffer.from('\x0bMSA|AA|1\x1c\r'));
    expect((await peer.next()).toString()).toBe('MSA|AA|2');
    expect((await peer.next()).toString()).toBe('MSA|AA|3');
    expect(await peer.silentFor(20)).toBe(true);
    await expect(peer.next(20)).rejects.toThrow('no frame in time');
    peer.close();
  });

  it('writes the MLLP frame around a payload', () => {
    expect(MllpPeer.frame('MSH')).toEqual(Buffer.from([0x0b, 0x4d, 0x53, 0x48, 0x1c, 0x0d]));
  });
});
