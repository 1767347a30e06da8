import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AliexpressModule } from 'nestjs-aliexpress';
import { DemoAffiliateController } from './demo-affiliate.controller.js';
import { DemoApiController } from './demo-api.controller.js';
import { DemoOrderEventsController } from './demo-order-events.controller.js';
import { DemoGateway } from './demo-settings.js';
import { DemoSettingsModule } from './demo-settings.module.js';

/** Options of {@link DemoModule.forRoot}: tests pass their own environment instead of `.env`. */
export interface DemoModuleOptions {
  env?: Record<string, string>;
}

/** The demo application: the library wired with `forRootAsync` and `ConfigService`, as a user's app would be. */
@Module({})
export class DemoModule {
  static forRoot(options: DemoModuleOptions = {}): DynamicModule {
    return {
      module: DemoModule,
      imports: [
        ConfigModule.forRoot(
          options.env
            ? {
                isGlobal: true,
                ignoreEnvFile: true,
                load: [() => options.env as Record<string, string>],
              }
            : { isGlobal: true, envFilePath: '.env' },
        ),
        DemoSettingsModule,
        AliexpressModule.forRootAsync({
          imports: [DemoSettingsModule],
          inject: [DemoGateway],
          useFactory: async (demo: DemoGateway) => {
            const settings = await demo.resolve();
            return {
              appKey: settings.appKey,
              appSecret: settings.appSecret,
              redirectUri: settings.redirectUri,
              baseUrl: settings.baseUrl,
              successRedirect: '/?connected=1',
              failureRedirect: '/',
              qpsLimit: 20,
              // the "Find products" panel: promotion links carry this tracking id
              affiliate: { trackingId: settings.trackingId },
            };
          },
        }),
      ],
      controllers: [DemoApiController, DemoAffiliateController, DemoOrderEventsController],
    };
  }
}
