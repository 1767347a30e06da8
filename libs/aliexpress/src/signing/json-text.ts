/**
 * The one way a JSON value (or a request parameter) becomes text: strings as they are, numbers,
 * bigints and booleans as `String()` writes them, objects and arrays as their JSON text, `null` and
 * `undefined` as nothing. The signer, the envelope reader and the mock gateway share it, so a value
 * is written the same way when it is sent, signed, verified and reported.
 */
export function jsonText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      return JSON.stringify(value);
  }
}
