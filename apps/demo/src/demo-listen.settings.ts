import { DemoSettingsError } from './demo-settings.error.js';

/** Where the demo listens and the token that guards it, read and checked before anything starts. */
export interface DemoListenSettings {
  host: string;
  port: number;
  /** `DEMO_TOKEN`, when set: every request must carry it (see docs/demo.md). */
  token?: string;
}

/** Where settings are read from: the ConfigService, or the environment before Nest starts. */
export interface SettingsSource {
  get(key: string): string | undefined;
}

const LOOPBACK = /^(localhost|::1|127(\.\d{1,3}){3})$/i;

/** Whether a `HOST` value only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.replace(/^\[|\]$/g, ''));
}

/**
 * Reads `PORT`, `HOST` and `DEMO_TOKEN`. Checked first, so a bad `PORT` is reported as such; a
 * `HOST` reachable from other machines is refused without a `DEMO_TOKEN`, since the demo can list
 * and disconnect accounts and place orders. Every problem is reported at once.
 */
export function readDemoListenSettings(config: SettingsSource): DemoListenSettings {
  const problems: string[] = [];
  const rawPort = config.get('PORT') ?? '3000';
  const port = /^\d{1,5}$/.test(String(rawPort).trim()) ? Number(rawPort) : NaN;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    problems.push(`PORT must be a port number (1-65535), got "${rawPort}"`);
  }
  const host = (config.get('HOST') ?? '').trim() || '127.0.0.1';
  const token = (config.get('DEMO_TOKEN') ?? '').trim() || undefined;
  if (token !== undefined && token.length < 16) {
    problems.push('DEMO_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 24`)');
  }
  if (!isLoopbackHost(host) && token === undefined) {
    problems.push(
      `HOST=${host} makes the demo reachable from other machines: set DEMO_TOKEN too ` +
        '(anyone reaching the port could otherwise list and disconnect accounts and place orders)',
    );
  }
  if (problems.length > 0) throw new DemoSettingsError(problems);
  return { host, port, token };
}
