import type net from 'node:net';

/**
 * Tells the parent benchmark which port this peer listens on, and exits when the parent goes away
 * (its IPC channel closes), so a peer never outlives the run.
 * @param server - the listening server
 */
export function announcePort(server: net.Server): void {
  const address = server.address();
  if (!address || typeof address === 'string' || !process.send) {
    process.stderr.write('peer must be started by the benchmark (child_process.fork)\n');
    process.exit(2);
  }
  process.send({ port: address.port });
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
}
