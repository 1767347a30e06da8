import { AliexpressConfigurationError } from '../errors/aliexpress.errors';

const INVISIBLE: Array<[RegExp, string]> = [
  [/\r?\n/, 'a newline'],
  [/\t/, 'a tab'],
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  [/[\u0000-\u001f\u007f-\u009f]/, 'a control character'],
  [
    /[\u200b-\u200f\u2028-\u202f\u2060\ufeff]/,
    'an invisible Unicode character (zero-width space, BOM…)',
  ],
  [/[\u00a0\u2000-\u200a\u3000]/, 'a non-breaking or typographic space'],
];

/**
 * Checks an app key or secret the way the gateway will see it. Surrounding whitespace and
 * invisible characters are the most common hidden cause of `IncompleteSignature`, so they are
 * refused with the option's name (never its value) instead of being silently trimmed.
 */
export function validateCredential(option: string, value: unknown): string {
  if (value === undefined || value === null) {
    throw new AliexpressConfigurationError(option, 'is missing');
  }
  if (typeof value !== 'string') {
    throw new AliexpressConfigurationError(option, `must be a string, got ${typeof value}`);
  }
  if (value.length === 0) {
    throw new AliexpressConfigurationError(option, 'is empty');
  }
  for (const [pattern, what] of INVISIBLE) {
    const edge = new RegExp(`^(${pattern.source})|(${pattern.source})$`);
    if (edge.test(value)) {
      const where = new RegExp(`^(${pattern.source})`).test(value) ? 'starts' : 'ends';
      throw new AliexpressConfigurationError(
        option,
        `${where} with ${what} (copied from a file or a secret manager?); remove it, it would be signed`,
      );
    }
  }
  if (value.trim() !== value) {
    const where = /^\s/.test(value) ? 'starts' : 'ends';
    throw new AliexpressConfigurationError(
      option,
      `${where} with whitespace (copied from a file or a secret manager?); remove it, it would be signed`,
    );
  }
  for (const [pattern, what] of INVISIBLE) {
    if (pattern.test(value)) {
      throw new AliexpressConfigurationError(
        option,
        `contains ${what}; remove it, it would be signed`,
      );
    }
  }
  return value;
}

/** Checks that an option is an absolute http(s) URL and returns it without a trailing slash. */
export function validateBaseUrl(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new AliexpressConfigurationError(option, 'must be an absolute http(s) URL');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AliexpressConfigurationError(option, 'is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AliexpressConfigurationError(option, 'must use http or https');
  }
  if (url.search || url.hash) {
    throw new AliexpressConfigurationError(option, 'must not carry a query string or fragment');
  }
  return value.replace(/\/+$/, '');
}

/** Checks a positive whole number of milliseconds (or seconds, as the option says). */
export function validatePositiveInteger(option: string, value: unknown, allowZero = false): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 0 ||
    (!allowZero && value === 0)
  ) {
    throw new AliexpressConfigurationError(
      option,
      `must be a ${allowZero ? 'non-negative' : 'positive'} whole number`,
    );
  }
  return value;
}
