/**
 * The peer: @medplum/hl7's MLLP server answering every message with `buildAck()` (AA) and storing
 * nothing. `Hl7Server.start()` listens on every interface, so this builds the same server from the
 * same parts (`net.createServer` handing each socket to `Hl7Connection`, as `start()` does) bound to
 * loopback. Run as a child process by the benchmark; reports its port over IPC and exits with its
 * parent.
 */
import net from 'node:net';
import { Hl7Connection, type Hl7MessageEvent } from '@medplum/hl7';
import { announcePort } from './peer-process.js';

const server = net.createServer((socket) => {
  const connection = new Hl7Connection(socket);
  connection.addEventListener('message', (event: Hl7MessageEvent) => {
    event.connection.send(event.message.buildAck());
  });
  // Errors arrive as events (a malformed frame, a reset); the connection stays or closes on its own.
  connection.addEventListener('error', () => undefined);
});
server.listen(0, '127.0.0.1', () => {
  announcePort(server);
});
