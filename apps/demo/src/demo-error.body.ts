import { STATUS_CODES } from 'node:http';

/** The one JSON error shape of the demo: every error it answers has these fields. */
export interface DemoErrorBody {
  statusCode: number;
  /** The HTTP status text, e.g. `Bad Request`. */
  error: string;
  /** A stable, machine-readable reason, e.g. `invalid_input`, `not_found`. */
  reason: string;
  /** One human-readable sentence; never a list. */
  message: string;
  /** The platform or library code, when there is one. */
  code?: string;
  /** The fields at fault, for `invalid_input`. */
  fields?: string[];
}

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
