import { createDemoApp, demoBanner, listenDemo } from './demo.bootstrap.js';

async function main(): Promise<void> {
  const app = await createDemoApp();
  const { port } = await listenDemo(app);
  process.stdout.write(`\n${await demoBanner(app, port)}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `demo failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
