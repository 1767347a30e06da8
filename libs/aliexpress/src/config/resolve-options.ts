import { AliexpressConfigurationError } from '../errors/aliexpress.errors';
import type {
  AliexpressModuleOptions,
  ResolvedAliexpressOptions,
} from './aliexpress-options.interface';
import {
  validateBaseUrl,
  validateCredential,
  validatePositiveInteger,
} from './credentials.validator';

/** The live gateway. */
export const DEFAULT_BASE_URL = 'https://api-sg.aliexpress.com';
/** Default per-request timeout. */
export const DEFAULT_TIMEOUT_MS = 15_000;

const systemClock = { now: () => Date.now() };

/** Validates module options at startup and applies defaults; a bad option throws naming it. */
export function resolveOptions(
  options: AliexpressModuleOptions | undefined,
): ResolvedAliexpressOptions {
  if (!options || typeof options !== 'object') {
    throw new AliexpressConfigurationError(
      'options',
      'must be an object with at least appKey and appSecret',
    );
  }
  const clock = options.clock ?? systemClock;
  if (typeof clock.now !== 'function') {
    throw new AliexpressConfigurationError(
      'clock',
      'must have a now() method returning epoch milliseconds',
    );
  }
  return {
    appKey: validateCredential('appKey', options.appKey),
    appSecret: validateCredential('appSecret', options.appSecret),
    baseUrl: validateBaseUrl('baseUrl', options.baseUrl ?? DEFAULT_BASE_URL),
    timeoutMs: validatePositiveInteger('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    clock,
  };
}
