/**
 * One client process of the per-call benchmark (spawned by per-call.bench.ts, against the mock
 * gateway running in yet another process). `raw` and `getProduct` each run in a fresh process,
 * so that neither shares the other's JIT state; `layers` runs the library layer by layer plus each
 * stage alone, to show where the difference goes. Prints one JSON line.
 */
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { InternalAxiosRequestConfig } from 'axios';
import {
  AliexpressModule,
  DropshippingService,
  GatewayClient,
  GatewayTransport,
  NodeHttpGatewayTransport,
  SignatureService,
  TokenService,
} from 'nestjs-aliexpress';
import { GetProductInput } from '../libs/aliexpress/src/dropshipping/dropshipping.inputs.js';
import { readProduct } from '../libs/aliexpress/src/dropshipping/product.reader.js';
import { AxiosGatewayTransport } from '../libs/aliexpress/src/gateway/axios-gateway.transport.js';
import { validateInput } from '../libs/aliexpress/src/common/validate-input.js';
import { readBusinessEnvelope } from '../libs/aliexpress/src/gateway/gateway-envelope.reader.js';
import {
  parseGatewayJson,
  parseLossless,
} from '../libs/aliexpress/src/gateway/gateway-json.parser.js';
import { DEFAULT_RETRY, withRetry } from '../libs/aliexpress/src/gateway/retry.policy.js';
import { formBody } from '../libs/aliexpress/src/signing/gateway-request.builder.js';
import { MOCK_BUYERS, MOCK_TEN_SKU_PRODUCT } from '../libs/aliexpress/testing/mock-fixtures.js';
import { BENCH_APP } from './bench-harness.js';
import { clearMockRequests } from './gateway-process.js';
import { createRawClient } from './raw-client.js';

/** What a client process measures. */
export type ClientMode = 'raw' | 'getProduct' | 'getProductNodeHttp' | 'layers';

/** CPU time of the client process (user + system) and wall time, per call, in µs. */
export interface PerCall {
  cpu: number;
  wall: number;
}

/** What a client process prints. */
export interface ClientReport {
  /** `raw` and `getProduct`: one figure; `layers`: one per layer. */
  rows: Array<[string, PerCall]>;
  /** `layers` only: each stage's CPU time alone, and what it adds to a raw round trip's. */
  stages: Array<{ name: string; alone: number; inTrip: number }>;
  /** Size of the answer, in bytes. */
  answerBytes: number;
}

const ACCOUNT = MOCK_BUYERS[0].userId;
const METHOD = 'aliexpress.ds.product.get';
const INPUT = { productId: MOCK_TEN_SKU_PRODUCT.productId, shipToCountry: 'US' };
const PARAMS = { product_id: INPUT.productId, ship_to_country: INPUT.shipToCountry };
/** Calls per figure. */
const CALLS = Number(process.env.BENCH_CALLS ?? 4000);

/**
 * Calls each of `calls` in turn, one call at a time, `n` times over (after a warm-up of `n / 4`),
 * (or `batch` calls, for stages far shorter than the cost of reading the CPU time) and sums the
 * process's CPU time around each: load that comes and goes on a shared machine
 * hits every variant alike, so their differences hold. Wall time per call is summed the same way.
 * `between` runs every 500 rounds, outside the measure.
 */
async function measure(
  calls: Array<[string, () => unknown]>,
  n: number,
  between: () => Promise<void>,
  batch = 1,
): Promise<Array<[string, PerCall]>> {
  const cpu = calls.map(() => 0);
  const wall = calls.map(() => 0);
  const warmUp = Math.ceil(n / 4);
  for (let i = -warmUp; i < n; i++) {
    if (i % 500 === 0) await between();
    for (let j = 0; j < calls.length; j++) {
      const startWall = process.hrtime.bigint();
      const startCpu = process.cpuUsage();
      for (let k = 0; k < batch; k++) {
        const result = calls[j][1]();
        if (result instanceof Promise)
          await result.catch((error: unknown) => {
            throw new Error(`${calls[j][0]}: ${(error as Error).message}`);
          });
      }
      const used = process.cpuUsage(startCpu);
      const elapsed = Number(process.hrtime.bigint() - startWall) / 1000;
      if (i >= 0) {
        cpu[j] += used.user + used.system;
        wall[j] += elapsed;
      }
    }
  }
  return calls.map(([name], j) => [name, { cpu: cpu[j] / n / batch, wall: wall[j] / n / batch }]);
}

async function run(mode: ClientMode, url: string, code: string): Promise<ClientReport> {
  Logger.overrideLogger(['error']);
  const app = await NestFactory.createApplicationContext(
    AliexpressModule.forRoot({
      appKey: BENCH_APP.appKey,
      appSecret: BENCH_APP.appSecret,
      baseUrl: url,
      controller: false,
      qpsLimits: false,
      ...(mode === 'getProductNodeHttp' ? { transport: new NodeHttpGatewayTransport() } : {}),
    }),
    { logger: ['error'] },
  );
  const clearRequests = () => clearMockRequests(url);

  try {
    const tokens = app.get(TokenService);
    await tokens.exchangeCode(code);
    const accessToken = await tokens.getAccessToken(ACCOUNT);
    const dropshipping = app.get(DropshippingService);
    const raw = createRawClient(url, METHOD, PARAMS, accessToken);
    const nodeHttp = new NodeHttpGatewayTransport();
    try {
      const answer = await raw.post();
      const product = readProduct(readBusinessEnvelope(parseGatewayJson(answer), METHOD));
      if (product.skus.length !== 10) throw new Error(`not the ten-SKU product: ${answer}`);
      const viaLibrary = await dropshipping.getProduct(ACCOUNT, INPUT);
      if (JSON.stringify(viaLibrary) !== JSON.stringify(product))
        throw new Error('getProduct and the raw client read different products');
      const answerBytes = Buffer.byteLength(answer);
      const rawCall = async () => parseGatewayJson(await raw.post());
      const getProduct = () => dropshipping.getProduct(ACCOUNT, INPUT);
      if (mode === 'raw')
        return {
          answerBytes,
          rows: await measure([['raw', rawCall]], CALLS, clearRequests),
          stages: [],
        };
      if (mode === 'getProduct' || mode === 'getProductNodeHttp')
        return {
          answerBytes,
          rows: await measure([['getProduct', getProduct]], CALLS, clearRequests),
          stages: [],
        };
      const layers = await measure(
        layerCalls(
          app.get(GatewayClient),
          app.get(GatewayTransport),
          nodeHttp,
          raw,
          accessToken,
          url,
        ),
        CALLS / 2,
        clearRequests,
      );
      const stages = stageCalls(
        app.get(AxiosGatewayTransport),
        app.get(SignatureService),
        answer,
        accessToken,
      );
      const alone = await measure(stages, CALLS / 4, () => Promise.resolve(), 200);
      // the same stages inside a raw round trip: what each really adds to a call, caches cold
      // the stages alone never yield to I/O: let the idle keep-alive sockets the gateway closed
      // meanwhile be noticed before they are used again
      await new Promise((resolve) => setTimeout(resolve, 100));
      const inTrip = await measure(
        [
          ['reference', rawCall],
          ...stages.map(([name, stage]): [string, () => unknown] => [
            name,
            async () => {
              parseGatewayJson(await raw.post());
              const result = stage();
              if (result instanceof Promise) await result;
            },
          ]),
        ],
        CALLS / 2,
        clearRequests,
      );
      const base = inTrip[0][1];
      return {
        answerBytes,
        rows: layers,
        stages: alone.map(([name, m], i) => ({
          name,
          alone: m.cpu,
          inTrip: inTrip[i + 1][1].cpu - base.cpu,
        })),
      };
    } finally {
      raw.close();
      nodeHttp.onModuleDestroy();
    }
  } finally {
    await app.close();
  }

  function layerCalls(
    client: GatewayClient,
    transport: GatewayTransport,
    nodeHttp: NodeHttpGatewayTransport,
    raw: ReturnType<typeof createRawClient>,
    accessToken: string,
    baseUrl: string,
  ): Array<[string, () => unknown]> {
    const tokens = app.get(TokenService);
    const dropshipping = app.get(DropshippingService);
    const url = `${baseUrl}/sync`;
    return [
      ['layer: raw client, no parse (the network alone)', () => raw.post()],
      [
        'layer: raw client + parseGatewayJson (the reference)',
        async () => parseGatewayJson(await raw.post()),
      ],
      [
        'layer: NodeHttpGatewayTransport instead (the transport option)',
        async () =>
          parseGatewayJson((await nodeHttp.post(url, raw.body, { timeoutMs: 10_000 })).body),
      ],
      [
        'layer: AxiosGatewayTransport instead (the default: a private axios instance)',
        async () =>
          parseGatewayJson((await transport.post(url, raw.body, { timeoutMs: 10_000 })).body),
      ],
      [
        'layer: GatewayClient.callBusiness (+ signing, form, debug log line, envelope)',
        () => client.callBusiness(METHOD, PARAMS, accessToken),
      ],
      [
        'layer: + TokenService.withAccessToken (token lookup)',
        () => tokens.withAccessToken(ACCOUNT, (t) => client.callBusiness(METHOD, PARAMS, t)),
      ],
      [
        'layer: + retry policy (DropshippingService.call, idempotent)',
        () => dropshipping.call(ACCOUNT, METHOD, PARAMS, { idempotent: true }),
      ],
      [
        'layer: + validation and normalisation = getProduct',
        () => dropshipping.getProduct(ACCOUNT, INPUT),
      ],
    ];
  }

  function stageCalls(
    http: AxiosGatewayTransport,
    signer: SignatureService,
    answer: string,
    accessToken: string,
  ): Array<[string, () => unknown]> {
    const parsed = parseGatewayJson(answer);
    const immediate = (config: InternalAxiosRequestConfig) =>
      Promise.resolve({ data: answer, status: 200, statusText: 'OK', headers: {}, config });
    const params = {
      format: 'json',
      ...PARAMS,
      app_key: BENCH_APP.appKey,
      sign_method: 'sha256',
      method: METHOD,
      session: accessToken,
    };
    let clock = 1_796_000_000_000;
    const entries = Object.entries({ ...params, timestamp: String(clock) });
    const tokens = app.get(TokenService);
    return [
      [
        'stage: parseGatewayJson of the answer (JSON.parse fast path)',
        () => parseGatewayJson(answer),
      ],
      [
        'stage: lossless-json on the same answer (the previous parser)',
        () => parseLossless(answer),
      ],
      ['stage: JSON.parse of the same answer (not lossless)', (): unknown => JSON.parse(answer)],
      [
        "stage: axios's request pipeline (an adapter answering at once)",
        () =>
          http.axios.request({
            method: 'POST',
            url: 'http://127.0.0.1/sync',
            data: 'a=1',
            adapter: immediate,
          }),
      ],
      [
        'stage: signing and form-encoding a request',
        () => {
          const signed = signer.signRequest({ ...params, timestamp: String(++clock) });
          return formBody(signed);
        },
      ],
      [
        'stage: the debug log line (parameter names; built even when debug is off)',
        () => `→ POST /sync ${METHOD} params=[${entries.map(([k]) => k).join(',')}]`,
      ],
      ['stage: getAccessToken (memory store)', () => tokens.getAccessToken(ACCOUNT)],
      [
        'stage: the retry policy around a call that succeeds (cockatiel, built per call)',
        () =>
          withRetry(
            () => Promise.resolve(parsed),
            () => true,
            DEFAULT_RETRY,
          ),
      ],
      [
        'stage: input validation (class-transformer + class-validator)',
        () => validateInput(GetProductInput, INPUT),
      ],
      [
        'stage: envelope check and normalisation of the product',
        () => readProduct(readBusinessEnvelope(parsed, METHOD)),
      ],
    ];
  }
}

if (require.main === module) {
  const [mode, url, code] = process.argv.slice(2) as [ClientMode, string, string];
  run(mode, url, code)
    .then((report) => process.stdout.write(`${JSON.stringify(report)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`per-call client failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    });
}
