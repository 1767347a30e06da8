import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AliexpressModule, type AliexpressModuleOptions } from 'nestjs-aliexpress';
import { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { cpus, freemem, totalmem, type as osType, release } from 'node:os';

/** The app the benchmarks register with the mock gateway. */
export const BENCH_APP = {
  appKey: '500102',
  appSecret: 'bench-secret-3f9a',
  redirectUris: ['http://localhost:3000/aliexpress/callback'],
};

/** One line per benchmark in the report. */
export interface BenchResult {
  name: string;
  figure: string;
  goal: string;
  met: boolean;
  detail: string;
  /** Optional rows explaining the figure, printed under the table. */
  breakdown?: Array<[string, string]>;
}

/** Starts a mock gateway and a Nest application context wired to it (no HTTP server of its own). */
export async function benchContext(options: Partial<AliexpressModuleOptions> = {}): Promise<{
  gateway: MockAliexpressGateway;
  app: INestApplicationContext;
  close: () => Promise<void>;
}> {
  Logger.overrideLogger(['error']);
  const gateway = new MockAliexpressGateway({ apps: [BENCH_APP] });
  const { url } = await gateway.start();
  const app = await NestFactory.createApplicationContext(
    AliexpressModule.forRoot({
      appKey: BENCH_APP.appKey,
      appSecret: BENCH_APP.appSecret,
      baseUrl: url,
      clock: gateway,
      controller: false,
      ...options,
    }),
    { logger: ['error'] },
  );
  return {
    gateway,
    app,
    close: async () => {
      await app.close();
      await gateway.stop();
    },
  };
}

/** What machine the figures were measured on. */
export function machine(): string {
  const cpu = cpus();
  return [
    `${osType()} ${release()}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}`,
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB memory (${(freemem() / 2 ** 30).toFixed(1)} GiB free at start)`,
    `Node ${process.version}`,
  ].join('; ');
}

/** Formats a rate. */
export const perSecond = (hz: number) => `${Math.round(hz).toLocaleString('en-US')}/s`;

/** The median of a few numbers: benchmarks run several rounds on a shared, noisy machine. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
