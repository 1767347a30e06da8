import { jsonText } from '../src/signing/json-text.js';
import type { MockBuyer } from './mock-fixtures.js';
import type { MockOrder, MockOrderControls } from './mock-gateway.options.js';
import { MockGatewayError, missingParameter } from './mock-envelopes.js';

/* What every business handler of the mock shares: its context, and parameter readers. */

/** What a business handler sees of an authenticated call. */
export interface BusinessCallContext {
  params: Record<string, string>;
  appKey: string;
  buyer: MockBuyer;
  now: number;
  orders: MockOrder[];
  /** Auto-pay outcome and refused buyers, as the tests set them. */
  orderControls: MockOrderControls;
  nextOrderId(): string;
  /** The mock's base URL: product images are served by the mock, never fetched from the internet. */
  baseUrl: string;
}

/** A business method: returns the content of `<method>_response` (without `request_id`). */
export type BusinessHandler = (ctx: BusinessCallContext) => Record<string, unknown>;

/** Minor units (cents) as a decimal string in currency units. */
export const money = (cents: number) => (cents / 100).toFixed(2);
/** A JSON field as text, whatever JSON type the caller used (`null` as JSON writes it). */
export const asText = (value: unknown): string => jsonText(value) ?? 'null';

/** A required parameter's text, or the gateway's MissingParameter error. */
export function required(ctx: BusinessCallContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}

/** A parameter holding a JSON object, parsed; InvalidParameter when it is not one. */
export function jsonParam(
  ctx: BusinessCallContext,
  name: string,
  optional = false,
): Record<string, unknown> | undefined {
  const raw = ctx.params[name];
  if (raw === undefined || raw === '') {
    if (optional) return undefined;
    throw missingParameter(name);
  }
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new MockGatewayError({
      code: 'InvalidParameter',
      message: `The input parameter \u201c${name}\u201d is not a valid JSON object`,
    });
  }
}

/** The product.get style not-found body (`rsp_code` 404). */
export const notFound = (code: string, message: string) => ({
  rsp_code: 404,
  rsp_msg: code,
  rsp_detail: message,
});
/** A two-letter country code. */
export const isCountry = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Z]{2}$/.test(value);

/** A list as the gateway sends it: wrapped, and a lone element as a bare object. */
export const wrapped = <T>(name: string, items: T[]) => ({
  [name]: items.length === 1 ? items[0] : items,
});
