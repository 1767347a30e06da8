import { AliexpressTransportError } from '../errors/aliexpress.errors.js';
import type { GatewayJson, GatewayObject } from '../gateway/gateway-json.parser.js';
import { isGatewayObject } from '../gateway/gateway-json.parser.js';
import { textOf } from '../gateway/gateway-json.fields.js';
import type { Money } from './dropshipping.results.js';

/** A field of a parsed answer, possibly absent. */
export type Json = GatewayJson | undefined;

/**
 * A list as the gateway sends it, unwrapped: `{"x_d_t_o":[…]}`, a bare list, or a lone object;
 * `{}` is the platform's empty list.
 */
export function unwrapList(value: Json): GatewayObject[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.filter(isGatewayObject);
  if (!isGatewayObject(value)) return [];
  const keys = Object.keys(value);
  if (keys.length === 0) return [];
  if (keys.length === 1) {
    const inner = value[keys[0]];
    if (Array.isArray(inner)) return inner.filter(isGatewayObject);
    if (isGatewayObject(inner)) return [inner];
  }
  return [value];
}

/**
 * A list's elements whatever the form: a plain array, `{"<type>":[…]}`, a lone element under its
 * type key, a bare value, or `{}` (the platform's empty list). Unlike {@link unwrapList}, elements
 * may be scalars (ids, image URLs).
 */
export function listElements(value: Json): Json[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (!isGatewayObject(value)) return [value];
  const keys = Object.keys(value);
  if (keys.length === 0) return [];
  if (keys.length === 1) {
    const inner = value[keys[0]];
    return Array.isArray(inner) ? inner : [inner];
  }
  return [value];
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal amount with its currency; undefined when the amount is not a decimal. */
export function money(amount: Json, currency: Json): Money | undefined {
  const text =
    typeof amount === 'number' ? String(amount) : typeof amount === 'string' ? amount.trim() : '';
  const code = textOf(currency);
  if (!DECIMAL.test(text) || !code) return undefined;
  return { amount: text, currency: code };
}

/** An object field, or an empty object when absent or not an object. */
export const obj = (value: Json): GatewayObject => (isGatewayObject(value) ? value : {});

/**
 * The part of an answer without which it cannot be read at all. Optional fields stay lenient
 * (defaults, empty lists); a missing backbone is an `unexpected-shape` failure, never retried.
 */
export function backbone(value: Json, apiName: string, path: string): GatewayObject {
  if (isGatewayObject(value)) return value;
  throw new AliexpressTransportError({
    kind: 'unexpected-shape',
    apiName,
    message: `the answer has no "${path}" object`,
  });
}
