import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature the platform puts in the `Authorization` header of an order-status push: hex
 * HMAC-SHA256 over `appKey + raw body`, keyed with the app secret. One implementation, used by the
 * webhook route to verify and by the mock gateway to sign.
 */
export function webhookSignature(
  appKey: string,
  appSecret: string,
  rawBody: Buffer | string,
): string {
  return createHmac('sha256', appSecret).update(appKey, 'utf8').update(rawBody).digest('hex');
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * Whether `header` is the push signature of `rawBody` for this app: hex in either case, compared in
 * constant time. A missing, malformed or wrong-length header is simply `false`.
 */
export function verifyWebhookSignature(
  appKey: string,
  appSecret: string,
  rawBody: Buffer | string,
  header: string | undefined,
): boolean {
  if (typeof header !== 'string' || !HEX_SHA256.test(header)) return false;
  const expected = Buffer.from(webhookSignature(appKey, appSecret, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(header, 'hex'));
}
