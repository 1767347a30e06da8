import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { AliexpressModuleOptions } from './config/aliexpress-options.interface';

/** Injection token of the validated, defaulted options ({@link ResolvedAliexpressOptions}). */
export const ALIEXPRESS_OPTIONS = Symbol('ALIEXPRESS_OPTIONS');

export const {
  ConfigurableModuleClass: AliexpressConfigurableModule,
  MODULE_OPTIONS_TOKEN: ALIEXPRESS_MODULE_OPTIONS,
  OPTIONS_TYPE: ALIEXPRESS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: ALIEXPRESS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<AliexpressModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: false }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
