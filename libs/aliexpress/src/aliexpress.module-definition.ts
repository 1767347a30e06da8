import { ConfigurableModuleBuilder, Logger, type Provider, type Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ALIEXPRESS_OPTIONS } from './aliexpress.constants';
import type {
  AliexpressModuleOptions,
  ResolvedAliexpressOptions,
} from './config/aliexpress-options.interface';
import { AliexpressConfigurationError } from './errors/aliexpress.errors';
import { OAuthController } from './oauth/oauth.controller';

/** Registration-time settings of `forRoot` / `forRootAsync` (known before options resolve). */
export interface AliexpressModuleExtras {
  /** Make the module's services available everywhere; default false. */
  isGlobal?: boolean;
  /** Register the OAuth controller (`<callbackPath>/authorize`, `<callbackPath>/callback`); default true. */
  controller?: boolean;
  /** Class decorators applied to this registration's controller, e.g. `UseGuards(MyGuard)`. */
  controllerDecorators?: ClassDecorator[];
}

/** What a `forRootAsync({ useClass | useExisting })` options class implements. */
export interface AliexpressOptionsFactory {
  createAliexpressOptions(): AliexpressModuleOptions | Promise<AliexpressModuleOptions>;
}

const ROUTE_BINDING = Symbol('ALIEXPRESS_OAUTH_ROUTE_BINDING');

/** A controller class of its own for each registration, so paths and guards never leak between apps. */
function routedController(decorators: ClassDecorator[]): {
  controller: Type<unknown>;
  binding: Provider;
} {
  class AliexpressOAuthController extends OAuthController {}
  for (const decorate of decorators) {
    if (typeof decorate !== 'function')
      throw new AliexpressConfigurationError('controllerDecorators', 'must be class decorators');
    decorate(AliexpressOAuthController);
  }
  const binding: Provider = {
    provide: ROUTE_BINDING,
    inject: [ALIEXPRESS_OPTIONS],
    // runs while providers are created, before routes are registered: the path may come from forRootAsync
    useFactory: (options: ResolvedAliexpressOptions) => {
      if (!options.redirectUri) {
        throw new AliexpressConfigurationError(
          'redirectUri',
          'is required by the OAuth controller (or register with controller: false)',
        );
      }
      const expected = `/${options.callbackPath}/callback`;
      if (!new URL(options.redirectUri).pathname.endsWith(expected)) {
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

export const {
  ConfigurableModuleClass: AliexpressConfigurableModule,
  MODULE_OPTIONS_TOKEN: ALIEXPRESS_MODULE_OPTIONS,
  OPTIONS_TYPE: ALIEXPRESS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: ALIEXPRESS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<AliexpressModuleOptions>()
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createAliexpressOptions')
  .setExtras<AliexpressModuleExtras>(
    { isGlobal: false, controller: true, controllerDecorators: [] },
    (definition, extras) => {
      const controllers = [...(definition.controllers ?? [])];
      const providers = [...(definition.providers ?? [])];
      if (extras.controller !== false) {
        const { controller, binding } = routedController(extras.controllerDecorators ?? []);
        controllers.push(controller);
        providers.push(binding);
      }
      return { ...definition, global: extras.isGlobal, controllers, providers };
    },
  )
  .build();
