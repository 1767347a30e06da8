import type { SignedEndpoint } from '../signing/gateway-request.builder.js';
import {
  SIGNATURE_MISTAKES,
  diagnoseSignature,
  type SignatureMistake,
} from '../signing/signature-diagnosis.js';
import { DoctorUsageError, paint, type DoctorIo } from './doctor-io.js';
import { readSecret } from './doctor-secret.js';

/** Options of `aliexpress-doctor diagnose`. */
export interface DiagnoseCommand {
  url: string;
  body?: string;
  secretFile?: string;
  json: boolean;
}

/** A problem `diagnose` found, with its fix. */
interface Finding {
  id: string;
  title: string;
  fix: string;
}

const REQUIRED = ['app_key', 'sign_method', 'timestamp', 'sign'];

/** `diagnose`: recomputes what the gateway expects from a request as sent and names every mistake. */
export function runDiagnose(command: DiagnoseCommand, io: DoctorIo): number {
  let url: URL;
  try {
    url = new URL(command.url);
  } catch {
    throw new DoctorUsageError(
      `"${command.url}" is not a full URL (https://api-sg.aliexpress.com/sync?...)`,
    );
  }
  const params: Record<string, string> = {};
  const findings: Finding[] = [];
  const add = (key: string, value: string) => {
    if (key in params && params[key] !== value) {
      findings.push({
        id: 'conflicting-parameter',
        title: `"${key}" sent twice with different values`,
        fix: `send "${key}" once`,
      });
    }
    params[key] = value;
  };
  for (const [k, v] of url.searchParams) add(k, v);
  for (const [k, v] of new URLSearchParams(command.body ?? '')) add(k, v);

  const path = url.pathname.replace(/\/+$/, '');
  let endpoint: SignedEndpoint;
  if (path === '/sync') endpoint = { kind: 'sync' };
  else if (path === '/rest') {
    if (!params.method)
      throw new DoctorUsageError(
        'a request to /rest needs method=/api/path, or use /rest/api/path',
      );
    endpoint = { kind: 'rest', apiPath: params.method };
  } else if (path.startsWith('/rest/'))
    endpoint = { kind: 'rest', apiPath: path.slice('/rest'.length) };
  else
    throw new DoctorUsageError(
      `${url.pathname} is not a gateway path: expected /sync, /rest or /rest/<api path>`,
    );

  const secret = readSecret(io, command.secretFile);
  for (const name of REQUIRED) {
    if (!params[name])
      findings.push({
        id: 'missing-parameter',
        title: `"${name}" is missing`,
        fix: `send and sign "${name}"`,
      });
  }
  if (params.timestamp && /^\d{10}$/.test(params.timestamp)) {
    findings.push({ id: 'timestamp-seconds', ...SIGNATURE_MISTAKES['timestamp-seconds'] });
  }
  const diagnosis = diagnoseSignature({ params, secret, endpoint, baseUrl: url.origin });
  const mistakes: Finding[] = [
    ...diagnosis.mistakes.map((m: SignatureMistake) => ({ id: m.id, title: m.title, fix: m.fix })),
    ...findings,
  ];
  if (!diagnosis.signMatches && diagnosis.mistakes.length === 0 && params.sign) {
    mistakes.push({
      id: 'unexplained',
      title: 'the sign matches none of the known mistakes',
      fix: "check that the secret is this app key's, and that every sent parameter is signed",
    });
  }
  const ok = diagnosis.signMatches && mistakes.length === 0;

  if (command.json) {
    io.stdout(
      `${JSON.stringify({ ok, endpoint, expectedCanonical: diagnosis.expectedCanonical, signMatches: diagnosis.signMatches, mistakes }, null, 2)}\n`,
    );
    return ok ? 0 : 1;
  }
  const lines = [
    `${paint(io, 'dim', 'endpoint')}   ${endpoint.kind === 'sync' ? '/sync (business: no prefix, method signed)' : `/rest${endpoint.apiPath} (system: path prefix)`}`,
    `${paint(io, 'dim', 'expected')}   ${diagnosis.expectedCanonical}   ${paint(io, 'dim', '(what the gateway signs; secret-bearing values masked)')}`,
    `${paint(io, 'dim', 'sign')}       ${diagnosis.signMatches ? paint(io, 'green', 'matches') : paint(io, 'red', 'does not match')}`,
  ];
  if (ok) {
    lines.push(paint(io, 'green', 'The request is right.'));
  } else {
    lines.push(
      '',
      paint(io, 'bold', `${mistakes.length} mistake${mistakes.length === 1 ? '' : 's'}:`),
    );
    for (const m of mistakes)
      lines.push(
        `  ${paint(io, 'red', '✗')} ${m.title}`,
        `    ${paint(io, 'cyan', 'fix:')} ${m.fix}`,
      );
  }
  io.stdout(`${lines.join('\n')}\n`);
  return ok ? 0 : 1;
}
