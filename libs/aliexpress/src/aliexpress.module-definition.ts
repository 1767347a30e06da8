import { ConfigurableModuleBuilder, Logger, type Provider, type Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { ALIEXPRESS_OPTIONS } from './aliexpress.constants.js';
import type {
  AliexpressModuleOptions,
  ResolvedAliexpressOptions,
} from './config/aliexpress-options.interface.js';
import { findExtrasProblems } from './config/aliexpress-options.schema.js';
import type { OptionContext } from './config/option.rules.js';
import { AliexpressConfigurationError } from './errors/aliexpress.errors.js';
import { OAuthController } from './oauth/oauth.controller.js';
import { WebhookController } from './orders/webhook.controller.js';
import { WebhookRawBodyCapture } from './orders/webhook-raw-body.capture.js';

/** Registration-time settings of `forRoot` / `forRootAsync` (known before options resolve). */
export interface AliexpressModuleExtras {
  /** Make the module's services available everywhere; default false. */
  isGlobal?: boolean;
  /** Register the OAuth controller (`<callbackPath>/authorize`, `<callbackPath>/callback`); default true. */
  controller?: boolean;
  /** Class decorators applied to this registration's controller, e.g. `UseGuards(MyGuard)`. */
  controllerDecorators?: ClassDecorator[];
  /**
   * Serve the order-status webhook (`POST <webhookPath>`); default true. A registration extra, not
   * an option, because whether a controller exists is decided before `forRootAsync` options resolve.
   */
  webhook?: boolean;
}

/** What a `forRootAsync({ useClass | useExisting })` options class implements. */
export interface AliexpressOptionsFactory {
  createAliexpressOptions(): AliexpressModuleOptions | Promise<AliexpressModuleOptions>;
}

const ROUTE_BINDING = Symbol('ALIEXPRESS_OAUTH_ROUTE_BINDING');

/** What the options schema needs to know about a registration: whether it serves the OAuth routes. */
export const ALIEXPRESS_REGISTRATION = Symbol('ALIEXPRESS_REGISTRATION');

/** The value behind {@link ALIEXPRESS_REGISTRATION}. */
export interface AliexpressRegistration extends OptionContext {
  oauthController: boolean;
}

/** A controller class of its own for each registration, so paths and guards never leak between apps. */
function routedController(decorators: ClassDecorator[]): {
  controller: Type<unknown>;
  binding: Provider;
} {
  class AliexpressOAuthController extends OAuthController {}
  for (const decorate of decorators) decorate(AliexpressOAuthController);
  const binding: Provider = {
    provide: ROUTE_BINDING,
    inject: [ALIEXPRESS_OPTIONS],
    // runs while providers are created, before routes are registered: the path may come from forRootAsync
    // (the options schema already required redirectUri for this registration)
    useFactory: (options: ResolvedAliexpressOptions) => {
      const expected = `/${options.callbackPath}/callback`;
      if (options.redirectUri && !new URL(options.redirectUri).pathname.endsWith(expected)) {
        new Logger('AliexpressModule').warn(
          `redirectUri does not end with ${expected}: the callback route may not receive the authorization`,
        );
      }
      Reflect.defineMetadata(PATH_METADATA, options.callbackPath, AliexpressOAuthController);
      return AliexpressOAuthController;
    },
  };
  return { controller: AliexpressOAuthController, binding };
}

const WEBHOOK_ROUTE_BINDING = Symbol('ALIEXPRESS_WEBHOOK_ROUTE_BINDING');

/** The webhook controller of one registration, its path set from the resolved options (forRootAsync too). */
function webhookRoute(): { controller: Type<unknown>; providers: Provider[] } {
  class AliexpressWebhookController extends WebhookController {}
  const binding: Provider = {
    provide: WEBHOOK_ROUTE_BINDING,
    inject: [ALIEXPRESS_OPTIONS],
    useFactory: (options: ResolvedAliexpressOptions) => {
      Reflect.defineMetadata(PATH_METADATA, options.webhookPath, AliexpressWebhookController);
      return AliexpressWebhookController;
    },
  };
  return { controller: AliexpressWebhookController, providers: [binding, WebhookRawBodyCapture] };
}

export const {
  ConfigurableModuleClass: AliexpressConfigurableModule,
  MODULE_OPTIONS_TOKEN: ALIEXPRESS_MODULE_OPTIONS,
  OPTIONS_TYPE: ALIEXPRESS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: ALIEXPRESS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<AliexpressModuleOptions>()
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createAliexpressOptions')
  .setExtras<AliexpressModuleExtras>(
    { isGlobal: false, controller: true, controllerDecorators: [], webhook: true },
    (definition, extras) => {
      // registration extras are checked at once, by the same rule as the options
      const problems = findExtrasProblems(extras);
      if (problems.length) throw new AliexpressConfigurationError({ problems });
      const oauthController = extras.controller !== false;
      const controllers = [...(definition.controllers ?? [])];
      const providers = [...(definition.providers ?? [])];
      const registration: AliexpressRegistration = { oauthController };
      providers.push({ provide: ALIEXPRESS_REGISTRATION, useValue: registration });
      if (oauthController) {
        const { controller, binding } = routedController(extras.controllerDecorators ?? []);
        controllers.push(controller);
        providers.push(binding);
      }
      if (extras.webhook !== false) {
        const webhook = webhookRoute();
        controllers.push(webhook.controller);
        providers.push(...webhook.providers);
      }
      return { ...definition, global: extras.isGlobal, controllers, providers };
    },
  )
  .build();
