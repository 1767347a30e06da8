import { toJson } from './mock-envelopes.js';

/** An HTTP answer of the mock: status, content type, body and any extra headers. */
export interface Outcome {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/** What the mock does with a gateway call: answer (at once, or held back `delayMs`), or drop the connection. */
export type MockReply = { outcome: Outcome; delayMs?: number } | 'reset';

/** A JSON answer, lossless numbers kept exact. */
export const json = (body: unknown, status = 200): Outcome => ({
  status,
  contentType: 'application/json;charset=UTF-8',
  body: toJson(body),
});
