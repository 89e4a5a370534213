/**
 * A TCP proxy between sender and listener that cuts connections at random points, mostly in the
 * middle of a frame, in either direction: the network faults a hospital link really has.
 */
import net from 'node:net';

/** A running proxy. */
export interface CuttingProxy {
  port: number;
  /** Connections the proxy cut. */
  cuts: () => number;
  stop: () => Promise<void>;
}

/**
 * Starts the proxy.
 * @param upstreamPort - the listener's MLLP port on 127.0.0.1
 * @param random - numbers in [0, 1), seeded so a failure can be replayed
 * @param maxBytes - a connection is cut after a random number of bytes up to this many
 */
export async function startCuttingProxy(
  upstreamPort: number,
  random: () => number,
  maxBytes: number,
): Promise<CuttingProxy> {
  let cuts = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: upstreamPort });
    sockets.add(client);
    sockets.add(upstream);
    // Budgets for each direction; the ACK direction carries less, so it is cut less often.
    let toListener = Math.floor(random() * maxBytes);
    let toSender = Math.floor(random() * maxBytes * 2);
    let cutting = false;
    const cut = () => {
      cuts += 1;
      client.destroy();
      upstream.destroy();
    };
    const relay = (from: net.Socket, to: net.Socket, towardsListener: boolean) => {
      from.on('data', (chunk: Buffer) => {
        if (cutting) return;
        const budget = towardsListener ? toListener : toSender;
        if (chunk.length < budget) {
          if (towardsListener) toListener -= chunk.length;
          else toSender -= chunk.length;
          to.write(chunk);
          return;
        }
        // Forward part of the chunk, then cut: the far side sees half a frame.
        cutting = true;
        to.write(chunk.subarray(0, budget), cut);
      });
    };
    relay(client, upstream, true);
    relay(upstream, client, false);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    cuts: () => cuts,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
