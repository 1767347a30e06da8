import { signParams, type SignedEndpoint } from '../src/signing/gateway-request.builder.js';
import { SIGNATURE_MISTAKES, diagnoseSignature } from '../src/signing/signature-diagnosis.js';
import type { MockAppRegistry } from './mock-app.registry.js';
import { MockGatewayError, missingParameter } from './mock-envelopes.js';
import type { MockApp } from './mock-gateway.options.js';

const SECONDS = SIGNATURE_MISTAKES['timestamp-seconds'];
const MAX_SKEW_MS = 7200 * 1000;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;

function parseTimestamp(value: string): number | undefined {
  if (/^\d{13}$/.test(value)) return Number(value);
  if (!ISO_WITH_ZONE.test(value)) return undefined;
  const normalised = value.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = Date.parse(normalised);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Checks a signed gateway call as the platform does, in its order: app key, sign, sign method and
 * timestamp present, the app registered, the timestamp within 2 hours of the mock clock, the
 * signature right. Answers the calling app; a failure is the platform's error, with
 * `_mock_diagnosis` for a bad timestamp or signature.
 */
export function verifySignedRequest(
  endpoint: 'rest' | 'sync',
  prefix: string,
  params: Record<string, string>,
  apps: MockAppRegistry,
  now: number,
): MockApp {
  if (!params.app_key) throw missingParameter('app_key');
  const app = apps.get(params.app_key);
  if (!app)
    throw new MockGatewayError({
      code: 'InvalidAppKey',
      message: 'The specified App Key is invalid',
    });
  if (!params.sign) throw missingParameter('sign');
  if (!params.sign_method) throw missingParameter('sign_method');
  if (!params.timestamp) throw missingParameter('timestamp');
  checkTimestamp(params.timestamp, now);
  checkSignature(endpoint, prefix, params, app);
  return app;
}

function checkTimestamp(value: string, now: number): void {
  const time = parseTimestamp(value);
  if (time === undefined || Math.abs(time - now) > MAX_SKEW_MS) {
    const seconds = /^\d{10}$/.test(value);
    throw new MockGatewayError({
      code: 'IllegalTimestamp',
      message: 'The timestamp is invalid or malformed',
      type: 'ISV',
      extra: {
        _mock_diagnosis: {
          summary: seconds
            ? `${SECONDS.title}: ${SECONDS.fix}`
            : time === undefined
              ? 'timestamp must be epoch milliseconds (13 digits) or ISO 8601 with a zone'
              : `timestamp is ${Math.round((time - now) / 1000)} s away from the gateway clock (allowed: 7200 s)`,
          mistakes: seconds ? [{ id: 'timestamp-seconds', ...SECONDS }] : [],
        },
      },
    });
  }
}

function checkSignature(
  endpoint: 'rest' | 'sync',
  prefix: string,
  params: Record<string, string>,
  app: MockApp,
): void {
  const method = params.sign_method;
  const supported = method === 'sha256' || (method === 'md5' && endpoint === 'sync');
  const signed: SignedEndpoint =
    endpoint === 'rest' ? { kind: 'rest', apiPath: prefix } : { kind: 'sync' };
  // the library's own request builder: what the client signs is what the mock verifies
  const expected = supported
    ? signParams(params, app.appSecret, {
        apiPath: signed.kind === 'rest' ? signed.apiPath : undefined,
        signMethod: method,
      })
    : undefined;
  if (expected !== undefined && expected === params.sign) return;
  const diagnosis = diagnoseSignature({ params, secret: app.appSecret, endpoint: signed });
  if (!supported)
    diagnosis.summary = `sign_method "${method}" is not accepted here (sha256${endpoint === 'sync' ? ' or md5' : ''}); ${diagnosis.summary}`;
  throw new MockGatewayError({
    code: 'IncompleteSignature',
    message: 'The request signature does not conform to platform standards',
    type: 'ISV',
    extra: { _mock_diagnosis: diagnosis },
  });
}
