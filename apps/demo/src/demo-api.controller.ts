import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { DropshippingService, TokenService } from 'nestjs-aliexpress';
import { DemoGateway } from './demo-settings.js';
import { FreightQuery, OrderBody, ProductQuery } from './demo.dto.js';
import { OrdersEnabledGuard } from './orders-enabled.guard.js';

/** The JSON endpoints the demo page uses; a user's app would have the same, with its own auth. */
@Controller()
export class DemoApiController {
  constructor(
    private readonly tokens: TokenService,
    private readonly dropshipping: DropshippingService,
    private readonly demo: DemoGateway,
  ) {}

  /** Which gateway the demo talks to, and whether orders may be placed. */
  @Get('demo/info')
  async info() {
    const settings = await this.demo.resolve();
    return {
      mode: settings.mode,
      gateway: settings.baseUrl ?? 'https://api-sg.aliexpress.com',
      ordersEnabled: settings.ordersEnabled,
    };
  }

  /** The connected accounts, never their tokens. */
  @Get('accounts')
  accounts() {
    return this.tokens.listAccounts();
  }

  @Delete('accounts/:accountId')
  @HttpCode(204)
  async disconnect(@Param('accountId') accountId: string): Promise<void> {
    if (!(await this.tokens.disconnect(accountId)))
      throw new NotFoundException(`account ${accountId} is not connected`);
  }

  @Get('products/:productId')
  product(@Param('productId') productId: string, @Query() query: ProductQuery) {
    return this.dropshipping.getProduct(query.account, {
      productId,
      shipToCountry: query.shipTo ?? 'US',
    });
  }

  @Get('freight')
  freight(@Query() query: FreightQuery) {
    return this.dropshipping.queryFreight(query.account, {
      productId: query.productId,
      skuId: query.skuId,
      quantity: query.quantity ?? 1,
      shipToCountry: query.shipTo ?? 'US',
    });
  }

  @Post('orders')
  @UseGuards(OrdersEnabledGuard)
  order(@Body() body: OrderBody) {
    const { account, ...order } = body;
    return this.dropshipping.createOrder(account, order);
  }
}
