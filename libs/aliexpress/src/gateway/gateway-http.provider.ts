import { HttpModule } from '@nestjs/axios';
import type { Provider } from '@nestjs/common';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface';
import {
  AxiosGatewayTransport,
  GatewayHttpService,
  gatewayAxiosOptions,
} from './axios-gateway.transport';
import { GatewayTransport } from './gateway.transport';

/**
 * The module's transport providers: the axios instance and options from
 * `HttpModule.registerAsync` (created when the application starts, one per application), the
 * private {@link GatewayHttpService}, and the {@link GatewayTransport} port: the `transport`
 * option when given, else {@link AxiosGatewayTransport}.
 */
export const gatewayTransportProviders: Provider[] = [
  ...(HttpModule.registerAsync({ useFactory: gatewayAxiosOptions }).providers ?? []),
  GatewayHttpService,
  AxiosGatewayTransport,
  {
    provide: GatewayTransport,
    inject: [ALIEXPRESS_OPTIONS, AxiosGatewayTransport],
    useFactory: (options: ResolvedAliexpressOptions, axios: AxiosGatewayTransport) =>
      options.transport ?? axios,
  },
];
