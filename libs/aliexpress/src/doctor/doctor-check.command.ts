import { validateCredential } from '../config/credentials.validator.js';
import { DEFAULT_BASE_URL } from '../config/resolve-options.js';
import { AliexpressConfigurationError } from '../errors/aliexpress.errors.js';
import { paint, type DoctorIo } from './doctor-io.js';

/** Options of `aliexpress-doctor check`. */
export interface CheckCommand {
  json: boolean;
  /** How long to wait for the gateway's answer; default 3000 ms. */
  timeoutMs?: number;
}

interface CheckResult {
  check: string;
  status: 'ok' | 'warn' | 'fail';
  message: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_SKEW_S = 7200;

function credential(io: DoctorIo, name: string, option: string): CheckResult {
  try {
    const value = validateCredential(option, io.env[name]);
    if (option === 'appKey' && !/^\d+$/.test(value)) {
      return {
        check: name,
        status: 'warn',
        message: 'app keys are digits; check it is the App Key, not the app name',
      };
    }
    return {
      check: name,
      status: 'ok',
      message: option === 'appKey' ? value : 'set, no whitespace or invisible characters',
    };
  } catch (error) {
    const problem =
      error instanceof AliexpressConfigurationError
        ? error.message.replace(/^.*"\w+" /, '')
        : (error as Error).message;
    return { check: name, status: 'fail', message: problem === 'is missing' ? 'not set' : problem };
  }
}

function redirectUri(io: DoctorIo): CheckResult {
  const value = io.env.ALIEXPRESS_REDIRECT_URI;
  const check = 'ALIEXPRESS_REDIRECT_URI';
  if (!value)
    return { check, status: 'fail', message: 'not set: the callback URL registered for the app' };
  if (!URL.canParse(value)) return { check, status: 'fail', message: 'not an absolute URL' };
  const url = new URL(value);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
    return { check, status: 'fail', message: 'must use https (http only for localhost)' };
  }
  if (url.hash) return { check, status: 'fail', message: 'must not carry a #fragment' };
  if (!url.pathname.endsWith('/callback')) {
    return {
      check,
      status: 'warn',
      message: `${value}: the module's callback route ends with /callback (default /aliexpress/callback)`,
    };
  }
  return {
    check,
    status: 'ok',
    message: `${value} (must equal the URL registered for the app, exactly)`,
  };
}

async function clock(io: DoctorIo, baseUrl: string, timeoutMs: number): Promise<CheckResult> {
  const check = 'clock skew';
  const sent = io.now();
  let date: string | null;
  try {
    const res = await io.fetch(baseUrl, {
      method: 'HEAD',
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    date = res.headers.get('date');
  } catch (error) {
    return {
      check,
      status: 'warn',
      message: `not checked: ${baseUrl} did not answer (${(error as Error).name})`,
    };
  }
  const received = io.now();
  const gateway = date ? Date.parse(date) : NaN;
  if (Number.isNaN(gateway))
    return { check, status: 'warn', message: 'not checked: the gateway sent no Date header' };
  // Date has a one-second resolution: compare with the middle of the round trip, allow 1 s
  const skewS = Math.round(((sent + received) / 2 - gateway) / 1000);
  const text = `${skewS >= 0 ? '+' : ''}${skewS} s against ${new URL(baseUrl).host}`;
  if (Math.abs(skewS) > MAX_SKEW_S)
    return {
      check,
      status: 'fail',
      message: `${text}: beyond the 7200 s the gateway accepts (IllegalTimestamp); fix the clock (NTP)`,
    };
  if (Math.abs(skewS) > 60)
    return {
      check,
      status: 'warn',
      message: `${text}: within the 7200 s allowed, but the clock drifts; enable NTP`,
    };
  return { check, status: 'ok', message: text };
}

/** `check`: the ALIEXPRESS_* configuration, and the clock against the gateway's when reachable. */
export async function runCheck(command: CheckCommand, io: DoctorIo): Promise<number> {
  const baseUrl = (io.env.ALIEXPRESS_BASE_URL || DEFAULT_BASE_URL).replace(/\/+$/, '');
  const results: CheckResult[] = [
    credential(io, 'ALIEXPRESS_APP_KEY', 'appKey'),
    credential(io, 'ALIEXPRESS_APP_SECRET', 'appSecret'),
    redirectUri(io),
  ];
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    results.push({
      check: 'ALIEXPRESS_BASE_URL',
      status: 'fail',
      message: 'not an absolute http(s) URL',
    });
  } else {
    results.push({ check: 'ALIEXPRESS_BASE_URL', status: 'ok', message: baseUrl });
    results.push(await clock(io, baseUrl, command.timeoutMs ?? 3000));
  }
  const failed = results.some((r) => r.status === 'fail');
  if (command.json) {
    io.stdout(`${JSON.stringify({ ok: !failed, results }, null, 2)}\n`);
  } else {
    const mark = {
      ok: paint(io, 'green', '✓'),
      warn: paint(io, 'yellow', '!'),
      fail: paint(io, 'red', '✗'),
    };
    io.stdout(
      `${results.map((r) => `${mark[r.status]} ${r.check.padEnd(24)} ${r.message}`).join('\n')}\n`,
    );
  }
  return failed ? 1 : 0;
}
