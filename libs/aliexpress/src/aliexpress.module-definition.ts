import { ConfigurableModuleBuilder, Logger, type Provider, type Type } from '@nestjs/common';
import { PATH_METADATA } from './nest-metadata.keys.js';
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
import { RegistrationRoutesCheck, recordRoutes } from './registration-routes.check.js';

/** Registration-time settings of `forRoot` / `forRootAsync` (known before options resolve). */
export interface AliexpressModuleExtras {
  /** Make the module's services available everywhere; default false. */
  isGlobal?: boolean;
  /**
   * Register the OAuth controller (`<callbackPath>/authorize`, `<callbackPath>/callback`); default
   * true. `false` (an affiliate-only app) also leaves out the webhook and the order poller, unless
   * `webhook: true` or `orderSync: { enabled: true }` asks for them.
   */
  controller?: boolean;
  /** Class decorators applied to this registration's controller, e.g. `UseGuards(MyGuard)`. */
  controllerDecorators?: ClassDecorator[];
  /**
   * Serve the order-status webhook (`POST <webhookPath>`); default: as `controller` (true unless
   * `controller: false`). A registration extra, not an option, because whether a controller exists
   * is decided before `forRootAsync` options resolve.
   */
  webhook?: boolean;
}

/** What a `forRootAsync({ useClass | useExisting })` options class implements. */
export interface AliexpressOptionsFactory {
  createAliexpressOptions(): AliexpressModuleOptions | Promise<AliexpressModuleOptions>;
}

const ROUTE_BINDING = Symbol('ALIEXPRESS_OAUTH_ROUTE_BINDING');

/** What the options schema needs to know about a registration: whether it serves the OAuth routes and the webhook. */
export const ALIEXPRESS_REGISTRATION = Symbol('ALIEXPRESS_REGISTRATION');

/** The value behind {@link ALIEXPRESS_REGISTRATION}. */
export interface AliexpressRegistration extends OptionContext {
  oauthController: boolean;
  webhook: boolean;
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
      recordRoutes(AliexpressOAuthController, {
        appKey: options.appKey,
        option: 'callbackPath',
        routes: ['authorize', 'callback'].map((route) => `GET /${options.callbackPath}/${route}`),
      });
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
      recordRoutes(AliexpressWebhookController, {
        appKey: options.appKey,
        option: 'webhookPath',
        routes: [`POST /${options.webhookPath}`],
      });
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
    // `webhook` is listed (undefined) so it is read as an extra, never passed on as an option
    { isGlobal: false, controller: true, controllerDecorators: [], webhook: undefined },
    (definition, extras) => {
      // registration extras are checked at once, by the same rule as the options
      const problems = findExtrasProblems(extras);
      if (problems.length) throw new AliexpressConfigurationError({ problems });
      const oauthController = extras.controller !== false;
      // the affiliate-only registration (controller: false) serves no route unless asked
      const webhook = extras.webhook ?? oauthController;
      const controllers = [...(definition.controllers ?? [])];
      const providers = [...(definition.providers ?? [])];
      const registration: AliexpressRegistration = { oauthController, webhook };
      providers.push({ provide: ALIEXPRESS_REGISTRATION, useValue: registration });
      if (oauthController || webhook) providers.push(RegistrationRoutesCheck);
      if (oauthController) {
        const { controller, binding } = routedController(extras.controllerDecorators ?? []);
        controllers.push(controller);
        providers.push(binding);
      }
      if (webhook) {
        const webhook = webhookRoute();
        controllers.push(webhook.controller);
        providers.push(...webhook.providers);
      }
      return { ...definition, global: extras.isGlobal, controllers, providers };
    },
  )
  .build();
