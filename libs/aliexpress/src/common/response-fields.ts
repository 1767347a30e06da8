import { AliexpressTransportError } from '../errors/aliexpress.errors.js';
import type { GatewayJson, GatewayObject } from '../gateway/gateway-json.parser.js';
import { isGatewayObject } from '../gateway/gateway-json.parser.js';

/* Fields of a parsed gateway answer, read the same way by every service's readers. */

/** A field of a parsed answer, possibly absent. */
export type Json = GatewayJson | undefined;

/**
 * A list's elements whatever the form the gateway sends it in: a plain array, `{"<type>":[…]}`
 * (`{"x_d_t_o":[…]}`), a lone element under its type key, a bare value, or `{}` (the platform's
 * empty list). Elements may be scalars (ids, image URLs); {@link listObjects} keeps the objects.
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

/** The objects of a list (see {@link listElements} for the forms); anything else is left out. */
export const listObjects = (value: Json): GatewayObject[] =>
  listElements(value).filter(isGatewayObject);

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
