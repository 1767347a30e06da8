import { STATUS_CODES } from 'node:http';
import type { AliexpressErrorBody } from 'nestjs-aliexpress';

/**
 * The one JSON error shape of the demo: the library's {@link AliexpressErrorBody}, so the errors
 * the demo answers itself (401, 404, 405…) and the library's look alike.
 */
export type DemoErrorBody = AliexpressErrorBody;

/** Builds a {@link DemoErrorBody}, so filters and middleware answer alike. */
export function demoErrorBody(
  statusCode: number,
  reason: string,
  message: string,
  extra: Pick<DemoErrorBody, 'code' | 'fields'> = {},
): DemoErrorBody {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    reason,
    message,
    ...(extra.code !== undefined ? { code: extra.code } : {}),
    ...(extra.fields !== undefined ? { fields: extra.fields } : {}),
  };
}
