import {
  AliexpressBusinessError,
  AliexpressTransportError,
  createApiError,
  type AliexpressApiError,
} from '../errors/aliexpress.errors.js';
import { jsonText } from '../signing/json-text.js';
import type { SignatureDiagnosis } from '../signing/signature-diagnosis.js';
import { isGatewayObject, type GatewayJson, type GatewayObject } from './gateway-json.parser.js';

const text = (value: GatewayJson | undefined): string | undefined => jsonText(value);

/** The mock gateway's signature diagnosis, when the body carries one of the right shape. */
const diagnosisOf = (body: GatewayObject): SignatureDiagnosis | undefined => {
  const value = body._mock_diagnosis;
  return isGatewayObject(value) &&
    Array.isArray(value.mistakes) &&
    value.mistakes.every(isGatewayObject) &&
    typeof value.summary === 'string'
    ? (value as unknown as SignatureDiagnosis)
    : undefined;
};

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

/** A documented failure: the code field as sent and the message next to it. */
interface BusinessFailure {
  platformCode?: string;
  message?: string;
}

/** A key as the pages sometimes print it (`"is_ success"`): whitespace dropped, lower-cased. */
const squash = (key: string) => key.replace(/\s+/g, '').toLowerCase();

/** A field by name, also when a page mistypes its key with spaces (`is_ success`). */
function field(object: GatewayObject, name: string): GatewayJson | undefined {
  if (name in object) return object[name];
  const wanted = squash(name);
  const key = Object.keys(object).find((k) => squash(k) === wanted);
  return key === undefined ? undefined : object[key];
}

/** `true`, `false` (booleans or their strings), else undefined. */
function flag(value: GatewayJson | undefined): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/**
 * Whether a code field that has no boolean beside it reports a failure: anything but its success
 * values, an empty value, or the field's own name (the endpoint demos fill fields with their
 * names, e.g. `rsp_code: "rsp_code"`).
 */
function codeFails(value: GatewayJson | undefined, name: string, successes: string[]): boolean {
  const code = text(value)?.trim();
  return code !== undefined && code !== '' && code !== name && !successes.includes(code);
}

/** image.searchV2's `messages`: a list of texts (or one text), joined. */
function messagesOf(value: GatewayJson | undefined): string | undefined {
  if (Array.isArray(value)) {
    const texts = value.map((v) => text(v)).filter((t): t is string => !!t);
    return texts.length ? texts.join('; ') : undefined;
  }
  return text(value);
}

/**
 * Finds a business failure by each API's documented failure field (platform-reference.md §2):
 * - `result.is_success` / `error_code` / `error_msg` (order.create; `true` with an `error_msg`
 *   such as "OrderCreated, autoPay fail:APIPayFail" is a success: the order exists);
 * - `result.success` / `code` / `msg` (freight.query; `error_desc` on freight.calculate);
 * - `result.ret` / `code` / `msg` (tracking, address.get; `messages` on image.searchV2,
 *   `err_message` on specialinfo);
 * - `resp_result.resp_code` / `resp_msg` (feedname.get, category.get, and every
 *   `aliexpress.affiliate.*` API but sku.detail.get; "200" is success);
 * - `result.success` / `code` (affiliate product.sku.detail.get, 405 "No query results…");
 * - `ret` / `rsp_code` / `rsp_msg` beside `result` (feed.itemids.get);
 * - `is_success` / `success` at the top (older shapes);
 * - `rsp_code` / `rsp_msg` (product.get, wholesale, member.benefit; "200" is success);
 * - `code` / `msg` (text.search, search.event.report; "0" is success).
 * Where a boolean is documented it alone decides; booleans may be the strings "true"/"false".
 */
function businessFailure(response: GatewayObject): BusinessFailure | undefined {
  const result = isGatewayObject(response.result) ? response.result : undefined;
  if (result) {
    const paid = flag(field(result, 'is_success'));
    if (paid !== undefined) {
      if (paid) return undefined;
      return { platformCode: text(result.error_code), message: text(result.error_msg) };
    }
    const success = flag(result.success);
    if (success !== undefined) {
      if (success) return undefined;
      return {
        platformCode: text(result.code) ?? text(result.error_code),
        message: text(result.msg) ?? text(result.error_desc) ?? text(result.error_msg),
      };
    }
    const ret = flag(result.ret);
    if (ret !== undefined) {
      if (ret) return undefined;
      return {
        platformCode: text(result.code),
        message: text(result.msg) ?? text(result.err_message) ?? messagesOf(result.messages),
      };
    }
  }
  if (isGatewayObject(response.resp_result)) {
    const resp = response.resp_result;
    if (codeFails(resp.resp_code, 'resp_code', ['200']))
      return { platformCode: text(resp.resp_code), message: text(resp.resp_msg) };
    return undefined;
  }
  const ret = flag(response.ret);
  if (ret !== undefined) {
    if (ret) return undefined;
    return { platformCode: text(response.rsp_code), message: text(response.rsp_msg) };
  }
  if (flag(field(response, 'is_success')) === false || flag(response.success) === false) {
    return {
      platformCode: text(response.error_code) ?? text(response.code),
      message: text(response.error_msg) ?? text(response.msg),
    };
  }
  if (codeFails(response.rsp_code, 'rsp_code', ['200']))
    return { platformCode: text(response.rsp_code), message: text(response.rsp_msg) };
  if (codeFails(response.code, 'code', ['0', '200']))
    return {
      platformCode: text(response.code),
      message: text(response.msg) ?? text(response.message),
    };
  return undefined;
}

/** An upper-case reason, words joined by `_` or spaces: `DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS`. */
const SYMBOLIC_MESSAGE = /^[A-Z][A-Z0-9]*(?:[ _]+[A-Z0-9]+)*$/;
/** A code that is a name, not a number: `B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL`, `A001_…`. */
const SYMBOLIC_CODE = /^(?!\d+$)[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Documented failures whose message is prose: the symbolic code the library gives them.
 * product.get 602 "Item is not allowed to this country" (look for a substitute with text or
 * image search), product.get 404 "System Error", wholesale "All SKU Unsaleable", affiliate
 * sku.detail.get 405 "No query results were found for the input parameter", and an affiliate
 * call's unknown tracking id.
 */
const PROSE_REASONS: Array<[RegExp, string]> = [
  [/not allowed to this country/i, 'ITEM_NOT_SOLD_TO_COUNTRY'],
  [/^system error$/i, 'SYSTEM_ERROR'],
  [/^all sku unsaleable$/i, 'ALL_SKU_UNSALEABLE'],
  [/no query results were found/i, 'NO_QUERY_RESULTS'],
  [/invalid tracking.?id/i, 'INVALID_TRACKING_ID'],
];

/**
 * The business error's `code`: a symbolic `error_code` as sent; else an upper-case message, its
 * spaces turned into `_` ("TRACKING DATA NOT FOUND" → `TRACKING_DATA_NOT_FOUND`, so every code is
 * one identifier; the message as given stays in `detail`); else a message that is one identifier
 * (`UnsupportedParamMapping`); else the name of a documented prose message; else the code as sent.
 */
function reasonOf(failure: BusinessFailure): string {
  const { platformCode, message } = failure;
  if (platformCode !== undefined && SYMBOLIC_CODE.test(platformCode)) return platformCode;
  const trimmed = message?.trim();
  if (trimmed && SYMBOLIC_MESSAGE.test(trimmed)) return trimmed.replace(/[ _]+/g, '_');
  // a one-word identifier next to a numeric code (`400` + `UnsupportedParamMapping`) is the reason
  if (trimmed && SYMBOLIC_CODE.test(trimmed)) return trimmed;
  const prose = trimmed && PROSE_REASONS.find(([pattern]) => pattern.test(trimmed));
  if (prose) return prose[1];
  return platformCode ?? (trimmed || 'BUSINESS_FAILURE');
}

/**
 * The business failure a method's answer (the object inside its wrapper) reports, read as
 * {@link readBusinessEnvelope} reads it: the symbolic `code`, the `platformCode` as sent and the
 * platform's message; `undefined` for a success. The mock gateway logs its verdicts with it.
 */
export function businessFailureOf(
  response: GatewayObject,
): { code: string; platformCode?: string; message?: string } | undefined {
  const failure = businessFailure(response);
  return failure && { code: reasonOf(failure), ...failure };
}

/** Fields only a business answer carries; a body with one and no wrapper is an unwrapped answer. */
const BUSINESS_FIELDS = ['result', 'rsp_code', 'resp_result', 'ret', 'data', 'is_success'];

/** The method's answer: under `<method>_response`, a mistyped or `_response`-less key, or bare. */
function responseOf(body: GatewayObject, method: string): GatewayJson | undefined {
  const wanted = [squash(responseKey(method)), squash(method.replace(/\./g, '_'))];
  const key = Object.keys(body).find((k) => wanted.includes(squash(k)));
  if (key !== undefined) return body[key];
  if (Object.keys(body).some((k) => k.endsWith('_response'))) return undefined;
  return BUSINESS_FIELDS.some((name) => field(body, name) !== undefined) ? body : undefined;
}

/**
 * Reads a `/sync` (business) answer: `error_response` is a gateway error, otherwise the
 * `<method>_response` object (also under the mistyped or `_response`-less keys the pages show, or
 * unwrapped as the product.get guide prints it), checked for a business failure by the API's
 * documented failure field; one is raised as `AliexpressBusinessError` with the symbolic `code`
 * and the `platformCode` as sent.
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
  const response = responseOf(body, method);
  if (!isGatewayObject(response)) {
    // some gateways answer a flat error for business calls too
    if (response === undefined && text(body.code) !== undefined && text(body.code) !== '0')
      throw errorFrom(body, method, diagnosisOf(body));
    throw new AliexpressTransportError({
      kind: 'unexpected-shape',
      apiName: method,
      message: `the answer has no "${responseKey(method)}" object`,
    });
  }
  const failure = businessFailure(response);
  if (!failure) return response;
  const code = reasonOf(failure);
  // text.search reports a dead token in its wrapper-level `code`: it is the gateway's
  // IllegalAccessToken all the same, so the token is refreshed and the call retried once
  if (code === 'IllegalAccessToken' || failure.platformCode === 'IllegalAccessToken') {
    throw createApiError({
      code: 'IllegalAccessToken',
      message: failure.message ?? 'the access token is invalid',
      requestId: text(response.request_id),
      apiName: method,
    });
  }
  throw new AliexpressBusinessError({
    apiName: method,
    code,
    platformCode: failure.platformCode,
    detail: failure.message,
    requestId: text(response.request_id),
  });
}
