import { connect, createServer, type Socket } from 'node:net';

/** A TCP relay that can cut its clients off from the server behind it (a network partition). */
export interface TcpProxy {
  /** `host:port` the clients connect to. */
  readonly port: number;
  /** Drops every open connection and refuses new ones until {@link heal}. */
  cut(): void;
  /** Lets connections through again. */
  heal(): void;
  close(): Promise<void>;
}

/**
 * Starts a relay on a free port of 127.0.0.1 in front of `target` (e.g. a redis-server), so a test
 * can partition one client from it while others still reach it directly.
 */
export function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let partitioned = false;
  const server = createServer((client) => {
    if (partitioned) return client.destroy();
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        port,
        cut: () => {
          partitioned = true;
          for (const socket of sockets) socket.destroy();
        },
        heal: () => {
          partitioned = false;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
