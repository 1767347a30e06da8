import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import {
  ALIEXPRESS_MODULE_OPTIONS,
  ALIEXPRESS_OPTIONS,
  AliexpressConfigurableModule,
} from './aliexpress.module-definition';
import type { AliexpressModuleOptions } from './config/aliexpress-options.interface';
import { resolveOptions } from './config/resolve-options';
import { GatewayClient } from './gateway/gateway.client';
import { SignatureService } from './signing/signature.service';

/** The AliExpress Open Platform module: `AliexpressModule.forRoot(options)` or `forRootAsync({...})`. */
@Module({
  imports: [HttpModule],
  providers: [
    {
      provide: ALIEXPRESS_OPTIONS,
      inject: [ALIEXPRESS_MODULE_OPTIONS],
      useFactory: (options: AliexpressModuleOptions) => resolveOptions(options),
    },
    SignatureService,
    GatewayClient,
  ],
  exports: [ALIEXPRESS_OPTIONS, SignatureService, GatewayClient],
})
export class AliexpressModule extends AliexpressConfigurableModule {}
