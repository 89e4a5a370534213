/**
 * The transport baseline: an MLLP server on plain `net` that stores nothing and answers every frame
 * with a fixed ACK, only MSA-2 copied from the message's MSH-10 (the load generator matches on it).
 * Run as a child process by the benchmark; reports its port over IPC and exits with its parent.
 */
import net from 'node:net';
import { frameMessage, MllpFrameReader } from '../mllp-load-client.js';
import { announcePort } from './peer-process.js';

const ACK_HEAD =
  'MSH|^~\\&|RAWACK|BENCH|BENCH_EHR|BENCH|20260101000000||ACK^A01^ACK|RAWACK1|P|2.5.1\rMSA|AA|';

/**
 * MSH-10 of a message, read from the first segment only.
 * @param payload - the frame's bytes
 */
function controlIdOf(payload: Buffer): string {
  const segmentEnd = payload.indexOf(0x0d);
  const msh = payload.toString('latin1', 0, segmentEnd < 0 ? payload.length : segmentEnd);
  return msh.split('|')[9] ?? '';
}

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  const reader = new MllpFrameReader();
  socket.on('data', (chunk: Buffer) => {
    for (const payload of reader.push(chunk))
      socket.write(frameMessage(`${ACK_HEAD}${controlIdOf(payload)}\r`));
  });
  socket.on('error', () => undefined);
});
server.listen(0, '127.0.0.1', () => {
  announcePort(server);
});
