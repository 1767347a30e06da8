import { defineConfig } from 'vitest/config';

/**
 * Vitest: unit specs beside the code, e2e specs in test/. Both resolve the published import paths
 * (`nestjs-aliexpress`, `nestjs-aliexpress/testing`) through tsconfig.json's `paths`, and compile
 * decorators with their metadata (Nest's injection reads it) from tsconfig.json's settings.
 */
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    globals: true,
    environment: 'node',
    // most tests wait on sockets, child processes and timers, not on the CPU
    maxWorkers: 4,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', './test/support/summary.reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts', 'test/support/**/*.spec.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e-spec.ts'],
          // one module graph per worker: each file would otherwise load NestJS anew (~2 s)
          isolate: false,
        },
      },
    ],
  },
});
