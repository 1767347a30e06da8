import { MockGatewayError, errorBody } from './mock-envelopes.js';
import { MockGatewayConfigError } from './mock-gateway.errors.js';
import type { MockFault } from './mock-gateway.options.js';
import { json, type MockReply, type Outcome } from './mock-http.reply.js';

const FAULT_KINDS = new Set<MockFault['kind']>([
  'http-error',
  'html-error',
  'delay',
  'reset',
  'api-call-limit',
  'isp-error',
  'json-body',
]);
/** The documented `sub_msg` of the sub-codes the `isp-error` fault takes. */
const SUB_MESSAGES: Record<string, string> = {
  'isp.service-unavailable': 'The service is temporarily unavailable',
  'isv.insufficient-permission': 'Insufficient permission.',
};

/** A fault waiting for its calls: every field resolved, with the calls it still takes. */
export interface ActiveFault extends Required<Omit<MockFault, 'count'>> {
  remaining: number;
}

/** The faults tests inject into the next calls of an API (or of every API), taken in order. */
export class MockFaultInjector {
  private readonly faults: ActiveFault[] = [];

  /** Checks a fault and queues it; a bad field is a {@link MockGatewayConfigError}. */
  inject(fault: MockFault): void {
    if (!fault || !FAULT_KINDS.has(fault.kind)) {
      throw new MockGatewayConfigError(`fault.kind must be one of ${[...FAULT_KINDS].join(', ')}`);
    }
    const count = fault.count ?? 1;
    if (!Number.isInteger(count) || count < 1)
      throw new MockGatewayConfigError('fault.count must be a positive whole number');
    const status = fault.status ?? (fault.kind === 'html-error' ? 502 : 500);
    if (!Number.isInteger(status) || status < 200 || status > 599)
      throw new MockGatewayConfigError('fault.status must be an HTTP status (200-599)');
    const delayMs = fault.delayMs ?? 30_000;
    if (!Number.isFinite(delayMs) || delayMs < 0)
      throw new MockGatewayConfigError('fault.delayMs must be a non-negative number');
    const banSeconds = fault.banSeconds ?? 1;
    if (!Number.isInteger(banSeconds) || banSeconds < 1)
      throw new MockGatewayConfigError('fault.banSeconds must be a positive whole number');
    if (fault.api !== undefined && (typeof fault.api !== 'string' || fault.api === '')) {
      throw new MockGatewayConfigError('fault.api must be an API name or path, or "*"');
    }
    this.faults.push({
      kind: fault.kind,
      api: fault.api ?? '*',
      remaining: count,
      status,
      delayMs,
      banSeconds,
      subCode: fault.subCode ?? 'isp.service-unavailable',
      subMessage:
        fault.subMessage ?? SUB_MESSAGES[fault.subCode ?? 'isp.service-unavailable'] ?? 'failed',
      processed: fault.processed ?? fault.kind === 'delay',
      body: fault.body ?? {},
      text: fault.text ?? '',
    });
  }

  /** The first fault matching a call of `api`, counted as used; `undefined` when none is pending. */
  take(api: string): ActiveFault | undefined {
    const index = this.faults.findIndex((f) => f.api === '*' || f.api === api);
    if (index < 0) return undefined;
    const fault = this.faults[index];
    if (--fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  /** Removes every pending fault. */
  clear(): void {
    this.faults.length = 0;
  }
}

/** Code 15 (type ISP), the platform's "Remote service error", with a sub-code. */
const remoteServiceError = (
  endpoint: 'rest' | 'sync',
  now: number,
  subCode: string,
  subMessage: string,
): Outcome =>
  json(
    errorBody(
      endpoint,
      new MockGatewayError({
        code: '15',
        message: 'Remote service error',
        type: 'ISP',
        subCode,
        subMessage,
      }),
      now,
    ),
  );

/**
 * What a fault makes of a call's answer. `processed` is the answer the call got when the fault
 * lets it be processed first: a `delay` holds it back; the other kinds replace it.
 */
export function faultReply(
  fault: ActiveFault,
  endpoint: 'rest' | 'sync',
  now: number,
  processed?: Outcome,
): MockReply {
  switch (fault.kind) {
    case 'http-error':
      return {
        outcome: { status: fault.status, contentType: 'text/plain', body: 'Internal Server Error' },
      };
    case 'html-error':
      return {
        outcome: {
          status: fault.status,
          contentType: 'text/html',
          body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>Tengine</center></body></html>',
        },
      };
    case 'reset':
      return 'reset';
    case 'api-call-limit':
      return {
        outcome: json(
          errorBody(
            endpoint,
            new MockGatewayError({
              code: 'ApiCallLimit',
              message: `Api access frequency exceeds the limit. this ban will last ${fault.banSeconds} seconds`,
            }),
            now,
          ),
        ),
      };
    case 'isp-error':
      return { outcome: remoteServiceError(endpoint, now, fault.subCode, fault.subMessage) };
    case 'json-body':
      return {
        outcome: fault.text
          ? { status: 200, contentType: 'application/json;charset=UTF-8', body: fault.text }
          : json(fault.body),
      };
    case 'delay': {
      const answer = processed ?? remoteServiceError(endpoint, now, 'isp.timeout', 'timeout');
      return { outcome: answer, delayMs: fault.delayMs };
    }
  }
}
