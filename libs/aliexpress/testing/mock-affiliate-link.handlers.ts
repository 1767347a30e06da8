import {
  listParam,
  requiredParam,
  respFailure,
  respSuccess,
  trackingIdOf,
  type AppCallHandler,
} from './mock-affiliate.context.js';
import { mockPromotionLink } from './mock-affiliate-product.dto.js';

const AE_LINK = /^https?:\/\/([a-z0-9-]+\.)*aliexpress\.(com|us|ru)(\/|$)/i;

/**
 * `aliexpress.affiliate.link.generate`: `tracking_id`, `source_values` and `promotion_link_type`
 * required; an unknown tracking id is refused; a source that is not an AliExpress URL gets a
 * message instead of a link.
 */
export const affiliateLinkGenerate: AppCallHandler = (ctx) => {
  const sources = listParam(requiredParam(ctx, 'source_values'));
  const type = requiredParam(ctx, 'promotion_link_type');
  const { trackingId, failure } = trackingIdOf(ctx, true);
  if (failure || !trackingId) return failure ?? {};
  if (type !== '0' && type !== '2') return respFailure(401, `Invalid promotion_link_type: ${type}`);
  return respSuccess({
    total_result_count: sources.length,
    tracking_id: trackingId,
    promotion_links: {
      promotion_link: sources.map((source) =>
        AE_LINK.test(source)
          ? { source_value: source, promotion_link: mockPromotionLink(source, trackingId) }
          : { source_value: source, message: 'The source value is not an AliExpress link' },
      ),
    },
  });
};
