import { AliexpressTransportError } from '../errors/aliexpress.errors.js';
import {
  isGatewayObject,
  parseGatewayJson,
  type GatewayObject,
} from '../gateway/gateway-json.parser.js';
import { textOf } from '../gateway/gateway-json.fields.js';
import { backbone, listObjects, type Json } from '../common/response-fields.js';
import type { AddressNode, AddressTree } from './dropshipping.results.js';

/* Reads `aliexpress.ds.address.get` answers: `data.children` is JSON text inside a string. */

const API = 'aliexpress.ds.address.get';

/** Children as sent: JSON text (parsed), a list, or a wrapped list; depth-limited against loops. */
function children(value: Json, path: string, depth: number): AddressNode[] {
  if (value === undefined || value === null || value === '') return [];
  let parsed: Json = value;
  if (typeof value === 'string') {
    try {
      parsed = parseGatewayJson(value);
    } catch {
      throw new AliexpressTransportError({
        kind: 'unexpected-shape',
        apiName: API,
        message: `"${path}" is not JSON text of an address list`,
      });
    }
  }
  if (depth > 8) return [];
  return listObjects(parsed).flatMap((node, i) => {
    const name = textOf(node.name) ?? textOf(node.label);
    if (name === undefined) return [];
    return [
      {
        name,
        type: textOf(node.type),
        code: textOf(node.code) ?? textOf(node.id),
        children: children(node.children, `${path}[${i}].children`, depth + 1),
      },
    ];
  });
}

/** `aliexpress.ds.address.get` → {@link AddressTree}. */
export function readAddressTree(response: GatewayObject, countryCode: string): AddressTree {
  const result = backbone(response.result, API, 'result');
  // documented as an object, typed List[Object] by its struct: accept both
  const data = backbone(
    Array.isArray(result.data) ? result.data.find(isGatewayObject) : result.data,
    API,
    'result.data',
  );
  return {
    countryCode: textOf(data.country) ?? countryCode,
    type: textOf(data.type),
    children: children(data.children, 'result.data.children', 0),
  };
}
