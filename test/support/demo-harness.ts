import type { NestExpressApplication } from '@nestjs/platform-express';
import { createServer } from 'node:net';
import { createDemoApp } from '../../apps/demo/src/demo.bootstrap';
import { DemoGateway } from '../../apps/demo/src/demo-settings';

/** A free TCP port on this machine (the demo registers its callback URL with the port in it). */
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

/** The demo app listening on a free port, as `npm start` runs it but with the given environment. */
export async function startDemo(env: Record<string, string> = {}): Promise<{
  app: NestExpressApplication;
  url: string;
  demo: DemoGateway;
  close(): Promise<void>;
}> {
  const port = await freePort();
  const app = await createDemoApp({ env: { PORT: String(port), ...env }, logger: false });
  await app.listen(port);
  return {
    app,
    url: `http://localhost:${port}`,
    demo: app.get(DemoGateway),
    close: () => app.close(),
  };
}
