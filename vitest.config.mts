import { configDefaults, defineConfig } from 'vitest/config';

/** The Redis adapters' specs: beside their adapters, but real-server tests, kept out of `unit`. */
const REDIS_ADAPTER_SPECS = 'libs/**/redis-*.spec.ts';

/**
 * Vitest: unit specs beside the code, e2e specs in test/. The unit project holds no test that starts
 * a server of its own or measures elapsed time: the Redis adapters' specs (`redis-*.spec.ts`, beside
 * their adapters) start redis-server and wait on its clock, so they run in a project of their own
 * beside the e2e one (isolated: sharing the e2e module graph broke test/redis.e2e-spec.ts); other
 * real-time tests are `test/*.e2e-spec.ts` files. Both resolve the published import paths
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
          exclude: [...configDefaults.exclude, REDIS_ADAPTER_SPECS],
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
      {
        extends: true,
        test: { name: 'e2e-redis', include: [REDIS_ADAPTER_SPECS] },
      },
    ],
  },
});
