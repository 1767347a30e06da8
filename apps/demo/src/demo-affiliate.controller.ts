import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { AffiliateService } from 'nestjs-aliexpress';
import { FindProductsQuery, PromotionLinkBody } from './demo-affiliate.dto.js';

/**
 * The "Find products" panel's endpoints: affiliate calls made with the app's own credentials, so
 * they work before (and without) connecting any AliExpress account.
 */
@Controller('affiliate')
export class DemoAffiliateController {
  constructor(private readonly affiliate: AffiliateService) {}

  /** A page of products matching the keywords, each with its promotion link. */
  @Get('products')
  find(@Query() query: FindProductsQuery) {
    return this.affiliate.queryProducts({
      keywords: query.keywords,
      pageNo: query.page,
      pageSize: 10,
    });
  }

  /** One product's details; 404 when the platform does not know it. */
  @Get('products/:productId')
  async details(@Param('productId') productId: string) {
    const [product] = await this.affiliate.getProductDetails({ productIds: [productId] });
    if (!product) throw new NotFoundException(`no product ${productId}`);
    return product;
  }

  /** A promotion link (carrying the demo's tracking id) to an AliExpress page. */
  @Post('links')
  @HttpCode(200)
  async link(@Body() body: PromotionLinkBody) {
    const { trackingId, links } = await this.affiliate.generateLinks({ sourceValues: [body.url] });
    return { trackingId, ...links[0] };
  }
}
