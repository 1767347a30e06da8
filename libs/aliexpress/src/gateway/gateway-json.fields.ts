import type { GatewayJson } from './gateway-json.parser.js';

/**
 * Readers of single fields of a parsed gateway answer, lenient the way the platform needs: numbers
 * and booleans often arrive as strings, empty strings mean absent. The one home of these
 * coercions: the token parser and every response normalizer use them.
 */

type Json = GatewayJson | undefined;

/** An identifier as an exact string (big ones already arrive as strings from the parser). */
export function idString(value: Json): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/** A text field, if present. */
export function textOf(value: Json): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A number field that may arrive as a string. */
export function numberOf(value: Json): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim()
        ? Number(value)
        : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** A boolean field that may arrive as a string. */
export function booleanOf(value: Json): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** A text field, trimmed; blanks and the platform's literal "null" read as absent. */
export function textField(value: Json): string | undefined {
  const text = textOf(value)?.trim();
  return text && text !== 'null' ? text : undefined;
}
