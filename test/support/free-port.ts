import { createServer } from 'node:net';

/**
 * A free TCP port on 127.0.0.1: the demo registers its callback URL with the port in it, and our
 * own redis-server needs one. Kept apart so unit specs need not load the demo harness.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
