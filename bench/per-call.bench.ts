import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchResult } from './bench-harness.js';
import { startGatewayProcess, type GatewayProcess } from './gateway-process.js';
import type { ClientMode, ClientReport, PerCall } from './per-call.client.js';

/** The goal: getProduct's client CPU per call at most this times the raw client's. */
const GOAL = 1.25;
/** Fresh client processes per side for the headline figure (raw, getProduct, getProduct on node:http in turn). */
const PROCESSES = 3;

const run = promisify(execFile);
const us = (value: number) => `${value.toFixed(1)} µs`;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Runs bench/per-call.client.ts in a fresh process against the gateway. */
async function client(gateway: GatewayProcess, mode: ClientMode): Promise<ClientReport> {
  const { stdout } = await run(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(__dirname, 'per-call.client.ts'),
      mode,
      gateway.url,
      await gateway.issueCode(),
    ],
    { cwd: join(__dirname, '..'), maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() as string) as ClientReport;
}

/**
 * getProduct against a raw keep-alive client that sends the same request pre-signed and parses
 * the answer as the library does (parseGatewayJson), on the ten-SKU product; the mock gateway runs
 * in its own process, each client in a fresh one; the client's CPU time per call is compared.
 * Then one more client process measures the library layer by layer and each stage alone.
 */
export async function perCallBench(): Promise<BenchResult> {
  const gateway = await startGatewayProcess();
  try {
    const raw: PerCall[] = [];
    const library: PerCall[] = [];
    const libraryNodeHttp: PerCall[] = [];
    let answerBytes = 0;
    for (let i = 0; i < PROCESSES; i++) {
      const r = await client(gateway, 'raw');
      raw.push(r.rows[0][1]);
      answerBytes = r.answerBytes;
      library.push((await client(gateway, 'getProduct')).rows[0][1]);
      libraryNodeHttp.push((await client(gateway, 'getProductNodeHttp')).rows[0][1]);
    }
    const layers = await client(gateway, 'layers');
    const reference = { cpu: mean(raw.map((r) => r.cpu)), wall: mean(raw.map((r) => r.wall)) };
    const subject = {
      cpu: mean(library.map((r) => r.cpu)),
      wall: mean(library.map((r) => r.wall)),
    };
    const ratio = subject.cpu / reference.cpu;
    const nodeHttp = {
      cpu: mean(libraryNodeHttp.map((r) => r.cpu)),
      wall: mean(libraryNodeHttp.map((r) => r.wall)),
    };
    const nodeHttpRatio = nodeHttp.cpu / reference.cpu;
    let previous: PerCall | undefined;
    return {
      name: 'per call',
      figure:
        `${ratio.toFixed(2)} × the raw client's CPU time (default transport); ` +
        `${nodeHttpRatio.toFixed(2)} × with NodeHttpGatewayTransport`,
      goal: `≤ ${GOAL} ×`,
      met: ratio <= GOAL,
      detail:
        `client CPU per call: getProduct ${us(subject.cpu)}, raw client ${us(reference.cpu)} ` +
        `(+${us(subject.cpu - reference.cpu)}); wall per call ${us(subject.wall)} vs ${us(reference.wall)} ` +
        `(${(subject.wall / reference.wall).toFixed(2)} ×). Raw client: pre-signed request on a keep-alive ` +
        `node:http agent, same lossless parse. Mock gateway in another process on loopback, ` +
        `${answerBytes}-byte answer with ten SKUs; each side in ${PROCESSES} fresh processes ` +
        `(4,000 sequential calls each after a warm-up, then the mean). With the transport option ` +
        `set to NodeHttpGatewayTransport: ${us(nodeHttp.cpu)} CPU, ${us(nodeHttp.wall)} wall per call`,
      breakdown: [
        [
          'in fresh processes: raw client + parse, CPU per call (each process)',
          raw.map((r) => us(r.cpu)).join(', '),
        ],
        [
          'in fresh processes: getProduct, CPU per call (each process)',
          library.map((r) => us(r.cpu)).join(', '),
        ],
        [
          'in fresh processes: getProduct with NodeHttpGatewayTransport, CPU per call (each process)',
          libraryNodeHttp.map((r) => us(r.cpu)).join(', '),
        ],
        ...layers.rows.map(([what, m]): [string, string] => {
          const step = previous
            ? ` (${m.cpu >= previous.cpu ? '+' : '−'}${Math.abs(m.cpu - previous.cpu).toFixed(1)})`
            : '';
          previous = m;
          return [`${what}, one process`, `${us(m.cpu)} CPU${step}, ${us(m.wall)} wall`];
        }),
        ...layers.stages.map(({ name, alone, inTrip }): [string, string] => [
          name,
          `alone ${us(alone)}; added to a raw round trip ${us(inTrip)} CPU`,
        ]),
      ],
    };
  } finally {
    await gateway.stop();
  }
}
