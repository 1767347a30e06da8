import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import { textField } from '../gateway/gateway-json.fields.js';
import { compact, respResult } from './affiliate-fields.js';
import { listObjects } from '../common/response-fields.js';
import type { GeneratedLinks } from './affiliate-link.results.js';

/** `aliexpress.affiliate.link.generate` → {@link GeneratedLinks} (`promotion_links.promotion_link[]` unwrapped). */
export function readLinks(response: GatewayObject, sentTrackingId: string): GeneratedLinks {
  const result = respResult(response, 'aliexpress.affiliate.link.generate');
  const links = listObjects(result.promotion_links).flatMap((l) => {
    const sourceValue = textField(l.source_value);
    if (sourceValue === undefined) return [];
    return [
      compact({
        sourceValue,
        promotionLink: textField(l.promotion_link),
        message: textField(l.message),
      }),
    ];
  });
  return { trackingId: textField(result.tracking_id) ?? sentTrackingId, links };
}
