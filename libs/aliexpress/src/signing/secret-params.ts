import { joinCanonical } from './sign-params.js';

/** Parameter names whose values are secrets: never logged, never shown, always masked. */
export const SECRET_PARAM_NAMES: ReadonlySet<string> = new Set([
  'access_token',
  'session',
  'refresh_token',
  'code',
  'sign',
  'app_secret',
  'client_secret',
]);

/** The mask shown instead of a secret value. */
export const MASK = '***';

/** The value to show for a parameter: itself, or {@link MASK} when the parameter is secret-bearing. */
export function maskParamValue(key: string, value: string): string {
  return SECRET_PARAM_NAMES.has(key) ? MASK : value;
}

/** A copy of the parameters with every secret-bearing value masked, for logs and diagnostics. */
export function maskParams(params: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) out[key] = maskParamValue(key, value);
  return out;
}

/** A canonical string with secret-bearing values masked: what logs and diagnoses may show. */
export function maskedCanonical(
  entries: ReadonlyArray<readonly [string, string]>,
  prefix = '',
): string {
  return joinCanonical(
    entries.map(([key, value]) => [key, maskParamValue(key, value)] as const),
    prefix,
  );
}
