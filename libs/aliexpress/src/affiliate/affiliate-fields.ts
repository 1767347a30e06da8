import { isGatewayObject, type GatewayObject } from '../gateway/gateway-json.parser.js';
import { booleanOf, idString, numberOf, textField } from '../gateway/gateway-json.fields.js';
import { backbone, listElements, type Json } from '../common/response-fields.js';

/* Readers every affiliate answer shares. */

/** `resp_result.result` of an affiliate answer; without `resp_result` the answer is unreadable. */
export function respResult(response: GatewayObject, apiName: string): GatewayObject {
  const resp = backbone(response.resp_result, apiName, 'resp_result');
  return isGatewayObject(resp.result) ? resp.result : {};
}

/** The texts of a list (`product_small_image_urls: {"string": [...]}` or a plain array). */
export const textsOf = (value: Json): string[] =>
  listElements(value).flatMap((v) => {
    const t = textField(v);
    return t === undefined ? [] : [t];
  });

/** An id field as an exact string; `0` and blanks read as absent. */
export function idOf(value: Json): string | undefined {
  const id = idString(value);
  return id !== undefined && id !== '0' && /^\d+$/.test(id) ? id : undefined;
}

/** A count field. */
export const countOf = (value: Json): number | undefined => {
  const n = numberOf(value);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
};

/** The paging fields of a paged `resp_result`; `listed` is how many items this page holds. */
export function pageFieldsOf(
  result: GatewayObject,
  listed: number,
): { pageNo: number; recordCount: number; totalPages?: number; totalRecords?: number } {
  return {
    pageNo: countOf(result.current_page_no) ?? 1,
    recordCount: countOf(result.current_record_count) ?? listed,
    totalPages: countOf(result.total_page_no),
    totalRecords: countOf(result.total_record_count),
  };
}

/** A yes/no field: booleans, "true"/"false", "Y"/"N", "yes"/"no". */
export function yesNo(value: Json): boolean | undefined {
  const b = booleanOf(value);
  if (b !== undefined) return b;
  const t = textField(value)?.toLowerCase();
  if (t === 'y' || t === 'yes') return true;
  if (t === 'n' || t === 'no') return false;
  return undefined;
}

/** Drops the undefined members, so results compare and print cleanly. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
