import { randomBytes } from 'node:crypto';
import { LosslessNumber, stringify } from 'lossless-json';

/** What {@link MockGatewayError} is built from: the fields of the gateway's error envelope. */
export interface MockGatewayErrorParams {
  code: string;
  message: string;
  /** Who is blamed; default `ISV`. */
  type?: 'ISV' | 'ISP' | 'SYSTEM';
  subCode?: string;
  subMessage?: string;
  /** More top-level fields of the answer, e.g. `_mock_diagnosis`. */
  extra?: Record<string, unknown>;
}

/** An error the mock answers in the gateway's own envelope (flat on /rest, `error_response` on /sync). */
export class MockGatewayError extends Error {
  readonly code: string;
  readonly type: 'ISV' | 'ISP' | 'SYSTEM';
  readonly subCode?: string;
  readonly subMessage?: string;
  readonly extra: Record<string, unknown>;

  constructor(params: MockGatewayErrorParams) {
    super(params.message);
    this.code = params.code;
    this.type = params.type ?? 'ISV';
    this.subCode = params.subCode;
    this.subMessage = params.subMessage;
    this.extra = params.extra ?? {};
  }
}

/** `MissingParameter` with the platform's message (curly quotes included). */
export const missingParameter = (name: string) =>
  new MockGatewayError({
    code: 'MissingParameter',
    message: `The input parameter \u201c${name}\u201d that is mandatory for processing this request is not supplied`,
  });

/** A JSON number written exactly as given (ids beyond 2^53 stay exact on the wire). */
export const exactNumber = (digits: string | number) => new LosslessNumber(String(digits));

/** A request id as the gateway makes them: 8 hex digits, 13-digit time in ms, 4 digits. */
export function requestId(now: number): string {
  const digits = String(randomBytes(2).readUInt16BE(0) % 10_000).padStart(4, '0');
  return `${randomBytes(4).toString('hex')}${String(now).padStart(13, '0').slice(-13)}${digits}`;
}

/** Serialises a body with lossless numbers kept exact. */
export function toJson(body: unknown): string {
  return stringify(body) ?? 'null';
}

/** The body of a refused call in the envelope of its endpoint. */
export function errorBody(
  endpoint: 'rest' | 'sync',
  error: MockGatewayError,
  now: number,
): Record<string, unknown> {
  const id = requestId(now);
  if (endpoint === 'rest') {
    return {
      type: error.type,
      code: error.code,
      message: error.message,
      ...(error.subCode ? { sub_code: error.subCode, sub_msg: error.subMessage } : {}),
      request_id: id,
      ...error.extra,
    };
  }
  // as trade.ds.order.get documents it: code (a string), type, sub_code, sub_msg, msg, request_id
  return {
    error_response: {
      code: error.code,
      type: error.type,
      ...(error.subCode ? { sub_code: error.subCode, sub_msg: error.subMessage } : {}),
      msg: error.message,
      request_id: id,
      ...error.extra,
    },
  };
}
