import { ConfigService } from '@nestjs/config';
import { createDemoApp, demoBanner } from './demo.bootstrap';

async function main(): Promise<void> {
  const app = await createDemoApp();
  const raw = app.get(ConfigService).get<string>('PORT') ?? '3000';
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${raw}"`);
  }
  await app.listen(port);
  process.stdout.write(`\n${await demoBanner(app, port)}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `demo failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
