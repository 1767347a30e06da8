import { DEFAULT_BASE_URL } from '../config/resolve-options.js';
import { buildGatewayRequest, endpointOf } from '../signing/gateway-request.builder.js';
import { maskParamValue, maskedCanonical } from '../signing/secret-params.js';
import type { ParamRecord } from '../signing/sign-params.js';
import { DoctorUsageError, paint, type DoctorIo } from './doctor-io.js';
import { readSecret } from './doctor-secret.js';

/** Options of `aliexpress-doctor sign`. */
export interface SignCommand {
  api: string;
  pairs: string[];
  paramsFile?: string;
  secretFile?: string;
  appKey?: string;
  baseUrl?: string;
  timestamp?: string;
  showValues: boolean;
  json: boolean;
}

function parsePairs(pairs: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new DoctorUsageError(`"${pair}" is not key=value`);
    params[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return params;
}

function readParamsFile(io: DoctorIo, path: string): ParamRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(io.readFile(path));
  } catch (error) {
    throw new DoctorUsageError(
      `--params ${path}: ${(error as NodeJS.ErrnoException).code ?? 'not valid JSON'}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DoctorUsageError(`--params ${path}: must hold a JSON object of parameters`);
  }
  return parsed as ParamRecord;
}

/** `sign`: the canonical string, the sign and the exact request for an API and its parameters. */
export function runSign(command: SignCommand, io: DoctorIo): number {
  const endpoint = endpointOf(command.api);
  if (!endpoint) {
    throw new DoctorUsageError(
      `"${command.api}" is neither an API path (/auth/token/create) nor an API name (aliexpress.ds.product.get)`,
    );
  }
  const secret = readSecret(io, command.secretFile);
  const appKey = command.appKey ?? io.env.ALIEXPRESS_APP_KEY;
  if (!appKey)
    throw new DoctorUsageError('no app key: set ALIEXPRESS_APP_KEY or pass --app-key KEY');
  const timestamp = command.timestamp ?? String(io.now());
  if (!/^\d{13}$/.test(timestamp))
    throw new DoctorUsageError('--timestamp must be epoch milliseconds (13 digits)');
  const base = (command.baseUrl ?? io.env.ALIEXPRESS_BASE_URL ?? DEFAULT_BASE_URL).replace(
    /\/+$/,
    '',
  );
  const given = {
    ...(command.paramsFile ? readParamsFile(io, command.paramsFile) : {}),
    ...parsePairs(command.pairs),
  };
  const request = buildGatewayRequest(
    { api: command.api, params: given, appKey, timestamp },
    secret,
  );
  const { entries, sign } = request;
  const system = endpoint.kind === 'rest';
  const prefix = system ? command.api : '';
  const shown = (k: string, v: string) => (command.showValues ? v : maskParamValue(k, v));
  const canonical = command.showValues ? request.canonical : maskedCanonical(entries, prefix);
  const url = base + request.path;
  const body = new URLSearchParams([
    ...entries.map(([k, v]): [string, string] => [k, shown(k, v)]),
    ['sign', sign],
  ]).toString();

  if (command.json) {
    io.stdout(
      `${JSON.stringify({ api: command.api, kind: system ? 'system' : 'business', canonical, sign, request: { method: 'POST', url, contentType: 'application/x-www-form-urlencoded', body } }, null, 2)}\n`,
    );
    return 0;
  }
  io.stdout(
    [
      `${paint(io, 'bold', command.api)} (${system ? `system interface: POST /rest${command.api}, path prefix, no method` : 'business interface: POST /sync, method signed, no prefix'})`,
      `${paint(io, 'dim', 'canonical')}  ${canonical}${command.showValues ? '' : paint(io, 'dim', '   (secret-bearing values masked; --show-values to see them)')}`,
      `${paint(io, 'dim', 'sign')}       ${paint(io, 'green', sign)}`,
      `${paint(io, 'dim', 'request')}    POST ${url}`,
      `           Content-Type: application/x-www-form-urlencoded`,
      `           ${body}`,
      '',
    ].join('\n'),
  );
  return 0;
}
