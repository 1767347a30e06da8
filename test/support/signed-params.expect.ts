import { signParams } from '../../libs/aliexpress/src/signing/gateway-request.builder.js';
import type { SignOptions } from '../../libs/aliexpress/src/signing/sign-params.js';

/**
 * Expects the parameters a request sent to be exactly `expected` plus a `sign` computed over exactly
 * those (nothing sent unsigned, nothing signed unsent).
 */
export function expectSignedParams(
  sent: Record<string, string>,
  expected: Record<string, string>,
  secret: string,
  options?: SignOptions,
): void {
  const { sign, ...signed } = sent;
  expect(signed).toEqual(expected);
  expect(sign).toBe(signParams(signed, secret, options));
}
