import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { booleanOf, textOf } from '../gateway/gateway-json.fields.js';
import { listObjects } from '../common/response-fields.js';
import type { MemberBenefit } from './dropshipping.results.js';

/* Reads `aliexpress.ds.member.benefit.get` answers. */

/** `aliexpress.ds.member.benefit.get` → {@link MemberBenefit} list (booleans from "true"/"false"). */
export function readMemberBenefits(response: GatewayObject): MemberBenefit[] {
  // a plain array as documented; a wrapped list, a lone object or `{}` read as lists too
  return listObjects(response.result).flatMap((b) => {
    const code = textOf(b.code);
    if (code === undefined) return [];
    return [
      {
        code,
        title: textOf(b.title),
        canApply: booleanOf(b.canApply) ?? false,
        canBenefit: booleanOf(b.canBenefit) ?? false,
      },
    ];
  });
}
