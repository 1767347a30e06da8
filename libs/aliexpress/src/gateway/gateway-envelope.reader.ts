import {
  AliexpressBusinessError,
  AliexpressTransportError,
  createApiError,
  type AliexpressApiError,
} from '../errors/aliexpress.errors';
import { jsonText } from '../signing/json-text';
import type { SignatureDiagnosis } from '../signing/signature-diagnosis';
import { isGatewayObject, type GatewayJson, type GatewayObject } from './gateway-json.parser';

const text = (value: GatewayJson | undefined): string | undefined => jsonText(value);

const diagnosisOf = (body: GatewayObject): SignatureDiagnosis | undefined =>
  isGatewayObject(body._mock_diagnosis)
    ? (body._mock_diagnosis as unknown as SignatureDiagnosis)
    : undefined;

function errorFrom(
  body: GatewayObject,
  apiName: string,
  diagnosis?: SignatureDiagnosis,
): AliexpressApiError {
  return createApiError({
    type: text(body.type),
    code: text(body.code) ?? 'UnknownError',
    message: text(body.message) ?? text(body.msg) ?? 'no message',
    subCode: text(body.sub_code),
    subMessage: text(body.sub_msg),
    requestId: text(body.request_id),
    apiName,
    diagnosis,
  });
}

/** Reads a `/rest` (system interface) answer: flat, `code: "0"` on success. */
export function readSystemEnvelope(body: GatewayJson, apiName: string): GatewayObject {
  if (!isGatewayObject(body)) {
    throw new AliexpressTransportError({
      kind: 'unexpected-shape',
      apiName,
      message: 'the gateway answered JSON that is not an object',
    });
  }
  if (isGatewayObject(body.error_response)) {
    throw errorFrom(body.error_response, apiName, diagnosisOf(body.error_response));
  }
  const code = text(body.code);
  if (code !== undefined && code !== '0') throw errorFrom(body, apiName, diagnosisOf(body));
  return body;
}

/** The key of a business method's success envelope: `aliexpress.ds.product.get` → `aliexpress_ds_product_get_response`. */
export function responseKey(method: string): string {
  return `${method.replace(/\./g, '_')}_response`;
}

const isFalse = (value: GatewayJson | undefined) => value === false || value === 'false';

function businessFailure(response: GatewayObject): { code: string; detail?: string } | undefined {
  const result = isGatewayObject(response.result) ? response.result : undefined;
  const codeOf = (o: GatewayObject | undefined) =>
    o && (text(o.error_code) ?? text(o.code) ?? text(o.error_msg) ?? text(o.msg));
  if (result && (isFalse(result.success) || isFalse(result.is_success))) {
    return {
      code: codeOf(result) ?? text(response.rsp_msg) ?? 'BUSINESS_FAILURE',
      detail: text(result.error_msg) ?? text(result.error_message) ?? text(result.msg),
    };
  }
  if (isFalse(response.is_success) || isFalse(response.success)) {
    return { code: codeOf(response) ?? 'BUSINESS_FAILURE', detail: text(response.error_msg) };
  }
  const rsp = text(response.rsp_code);
  if (rsp !== undefined && rsp !== '200') {
    return { code: text(response.rsp_msg) ?? `rsp_code ${rsp}`, detail: `rsp_code ${rsp}` };
  }
  const code = text(response.code);
  if (code !== undefined && code !== '0' && code !== '200') {
    return { code, detail: text(response.msg) ?? text(response.message) };
  }
  return undefined;
}

/**
 * Reads a `/sync` (business) answer: `error_response` is a gateway error, otherwise the
 * `<method>_response` object, checked for a business failure hidden inside a success envelope.
 */
export function readBusinessEnvelope(body: GatewayJson, method: string): GatewayObject {
  if (!isGatewayObject(body)) {
    throw new AliexpressTransportError({
      kind: 'unexpected-shape',
      apiName: method,
      message: 'the gateway answered JSON that is not an object',
    });
  }
  if (isGatewayObject(body.error_response)) {
    throw errorFrom(body.error_response, method, diagnosisOf(body.error_response));
  }
  // a documented sample misspells the wrapper with spaces (`aliexpress_ds _order_create _response`)
  const wrapper =
    Object.keys(body).find((k) => k.replace(/\s+/g, '') === responseKey(method)) ?? '';
  const response = body[responseKey(method)] ?? body[wrapper];
  if (!isGatewayObject(response)) {
    // some gateways answer a flat error for business calls too
    if (text(body.code) !== undefined && text(body.code) !== '0')
      throw errorFrom(body, method, diagnosisOf(body));
    throw new AliexpressTransportError({
      kind: 'unexpected-shape',
      apiName: method,
      message: `the answer has no "${responseKey(method)}" object`,
    });
  }
  const failure = businessFailure(response);
  if (failure)
    throw new AliexpressBusinessError({
      apiName: method,
      code: failure.code,
      detail: failure.detail,
      requestId: text(response.request_id),
    });
  return response;
}
