import { isSafeNumber, parse } from 'lossless-json';

/** A JSON value as read from the gateway: numbers a JS number cannot hold exactly stay strings. */
export type GatewayJson =
  string | number | boolean | null | GatewayJson[] | { [key: string]: GatewayJson };

/** A JSON object as read from the gateway. */
export type GatewayObject = { [key: string]: GatewayJson };

const keepExact = (digits: string): number | string =>
  isSafeNumber(digits) ? Number(digits) : digits;

/**
 * Number literals that may not survive `JSON.parse`: an exponent, or 16 characters of digits and
 * dot (a literal with at most 15 digits and no exponent always converts exactly). A JSON value
 * other than the whole text only ever follows `:`, `,` or `[`, so every literal is found; a match
 * inside a string is possible too, and is dealt with (see {@link parseGatewayJson}).
 */
const RISKY_NUMBER = /[:,[][ \t\n\r]*(-?(?=[0-9.]{16}|[0-9.]*[eE])[-+.0-9eE]+)/g;
/** A text that is a number alone: left to `lossless-json`. */
const BARE_NUMBER = /^[ \t\n\r]*[-0-9]/;
/** A JSON number literal, exactly. */
const NUMBER_LITERAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;
/** What may follow a value: the literal is not a key (`{"a":1,12345678901234567:2}` stays refused). */
const AFTER_VALUE = /[ \t\n\r]*(?:[,\]}]|$)/y;
/**
 * A quote, blanks and a colon: every key ends so. A string may hold one too (a value starting with
 * a colon): the count is over, never under.
 */
const KEY_END = /"[ \t\n\r]*:/g;
const SPACED_KEY_END = /"[ \t\n\r]+:/;

/**
 * The text with every number literal `lossless-json` would keep as digits put in quotes, so that
 * `JSON.parse` reads it as that same string. A candidate that is not a valid literal in a value
 * position is left as it is: inside a string that is right, and outside one the text is not JSON,
 * which `JSON.parse` then says.
 */
function quoteUnsafeNumbers(text: string): string {
  RISKY_NUMBER.lastIndex = 0;
  let out: string | undefined;
  let copied = 0;
  for (let match = RISKY_NUMBER.exec(text); match; match = RISKY_NUMBER.exec(text)) {
    const literal = match[1];
    if (isSafeNumber(literal) || !NUMBER_LITERAL.test(literal)) continue;
    const end = match.index + match[0].length;
    AFTER_VALUE.lastIndex = end;
    if (!AFTER_VALUE.test(text)) continue;
    const start = end - literal.length;
    out = `${out ?? ''}${text.slice(copied, start)}"${literal}"`;
    copied = end;
  }
  return out === undefined ? text : out + text.slice(copied);
}

/** True when the quote at `at` is escaped (an odd run of backslashes before it): not a key's end. */
function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (at > backslashes && text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * How many keys the text may hold, at least as many as it does: unescaped quotes followed by a
 * colon. Only called on text `JSON.parse` accepted, where a backslash only occurs inside strings.
 */
function countKeyEnds(text: string): number {
  let count = 0;
  if (SPACED_KEY_END.test(text)) {
    KEY_END.lastIndex = 0;
    for (let m = KEY_END.exec(text); m; m = KEY_END.exec(text))
      if (!isEscaped(text, m.index)) count++;
    return count;
  }
  for (let at = text.indexOf('":'); at !== -1; at = text.indexOf('":', at + 2)) {
    if (!isEscaped(text, at)) count++;
  }
  return count;
}

/** Own keys of every object in `value`, nested ones included. */
function countKeys(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += countKeys(item);
    return count;
  }
  for (const key in value) count += 1 + countKeys((value as Record<string, unknown>)[key]);
  return count;
}

/**
 * Parses a gateway body losslessly: ids beyond 2^53 (SKU, order ids) arrive as exact strings.
 * Throws a `SyntaxError` on anything that is not JSON.
 *
 * The result is `lossless-json`'s (safe numbers as numbers, the others as their exact digits,
 * duplicate keys refused unless equal), reached two to three times faster on a product answer: the number literals
 * `lossless-json` would keep as digits are put in quotes and `JSON.parse` reads the text. That is
 * exact because:
 * - every such literal is found (they all follow `:`, `,` or `[`; a bare number is left to
 *   `lossless-json`) and quoted when it is a valid literal in a value position;
 * - a candidate that was in fact inside a string gets a quote that closes the string, followed by
 *   a digit or `-`: `JSON.parse` refuses that, and the text goes to `lossless-json`;
 * - a key written twice (which `JSON.parse` would keep silently) leaves fewer keys than the text
 *   has key ends, and the text goes to `lossless-json` too (as does, needlessly but safely, a
 *   string value that starts with a colon).
 * Any doubt (text `JSON.parse` refuses included) ends in `lossless-json`, which throws its own error.
 */
export function parseGatewayJson(text: string): GatewayJson {
  if (BARE_NUMBER.test(text)) return parseLossless(text);
  let fast: unknown;
  try {
    fast = JSON.parse(quoteUnsafeNumbers(text));
  } catch {
    return parseLossless(text);
  }
  return countKeys(fast) === countKeyEnds(text) ? (fast as GatewayJson) : parseLossless(text);
}

/** `lossless-json` alone: the reference the fast path must equal (exported for its tests and the bench). */
export function parseLossless(text: string): GatewayJson {
  return parse(text, null, keepExact) as GatewayJson;
}

/** True for a plain JSON object. */
export function isGatewayObject(value: unknown): value is GatewayObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
