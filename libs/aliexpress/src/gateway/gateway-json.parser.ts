import { isSafeNumber, parse } from 'lossless-json';

/** A JSON value as read from the gateway: numbers a JS number cannot hold exactly stay strings. */
export type GatewayJson =
  string | number | boolean | null | GatewayJson[] | { [key: string]: GatewayJson };

/** A JSON object as read from the gateway. */
export type GatewayObject = { [key: string]: GatewayJson };

const keepExact = (digits: string): number | string =>
  isSafeNumber(digits) ? Number(digits) : digits;

/**
 * Parses a gateway body losslessly: ids beyond 2^53 (SKU, order ids) arrive as exact strings.
 * Throws a `SyntaxError` on anything that is not JSON.
 */
export function parseGatewayJson(text: string): GatewayJson {
  return parse(text, null, keepExact) as GatewayJson;
}

/** True for a plain JSON object. */
export function isGatewayObject(value: unknown): value is GatewayObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
