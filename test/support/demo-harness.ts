import type { NestExpressApplication } from '@nestjs/platform-express';
import { createDemoApp, listenDemo } from '../../apps/demo/src/demo.bootstrap.js';
import { DemoGateway } from '../../apps/demo/src/demo-settings.js';
import { freePort } from './free-port.js';

/** The demo app listening on a free port, as `npm start` runs it but with the given environment. */
export async function startDemo(env: Record<string, string> = {}): Promise<{
  app: NestExpressApplication;
  url: string;
  demo: DemoGateway;
  close(): Promise<void>;
}> {
  const port = await freePort();
  const app = await createDemoApp({ env: { PORT: String(port), ...env }, logger: false });
  await listenDemo(app);
  return {
    app,
    url: `http://localhost:${port}`,
    demo: app.get(DemoGateway),
    close: () => app.close(),
  };
}
