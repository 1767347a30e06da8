import type { SettingsSource } from './demo-listen.settings.js';

/** The library's webhook route as the demo serves it (default `webhookPath`, no global prefix). */
export const DEMO_WEBHOOK_PATH = '/aliexpress/webhook';

/** The embedded mock's timed lifecycle step when `DEMO_LIFECYCLE_STEP_MS` is unset. */
export const DEFAULT_DEMO_LIFECYCLE_STEP_MS = 2000;

/**
 * Reads `DEMO_LIFECYCLE_STEP_MS`: how long an order of the embedded mock stays at a status before
 * it moves on (and the mock pushes the change to the demo's webhook). Unset: 2000 ms; `0` or `off`:
 * no timed lifecycle (orders stay paid). Anything else must be a whole number of ms, 100 to
 * 600000, so a typo is reported at start rather than leaving the page silent.
 */
export function readDemoLifecycleStepMs(config: SettingsSource): number | undefined {
  const raw = String(config.get('DEMO_LIFECYCLE_STEP_MS') ?? '').trim();
  if (raw === '') return DEFAULT_DEMO_LIFECYCLE_STEP_MS;
  if (raw === '0' || raw.toLowerCase() === 'off') return undefined;
  const ms = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(ms) || ms < 100 || ms > 600_000) {
    throw new Error(
      `DEMO_LIFECYCLE_STEP_MS must be a number of milliseconds (100-600000), or 0/off, got "${raw}"`,
    );
  }
  return ms;
}

/**
 * The URL the embedded mock pushes order-status messages to: the demo's own webhook route, on the
 * address the demo listens on (a wildcard address is reached over loopback).
 */
export function demoWebhookUrl(host: string, port: number): string {
  const bare = host.replace(/^\[|\]$/g, '');
  const reachable = bare === '0.0.0.0' ? '127.0.0.1' : bare === '::' ? '::1' : bare;
  const hostPart = reachable.includes(':') ? `[${reachable}]` : reachable;
  return `http://${hostPart}:${port}${DEMO_WEBHOOK_PATH}`;
}
