import type { Provider } from '@nestjs/common';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants.js';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import { AxiosGatewayTransport } from './axios-gateway.transport.js';
import { GatewayTransport } from './gateway.transport.js';

/**
 * The module's transport providers: {@link AxiosGatewayTransport} (its private axios instance is
 * created when the application starts, one per registration) and the {@link GatewayTransport}
 * port: the `transport` option when given, else the axios transport.
 */
export const gatewayTransportProviders: Provider[] = [
  AxiosGatewayTransport,
  {
    provide: GatewayTransport,
    inject: [ALIEXPRESS_OPTIONS, AxiosGatewayTransport],
    useFactory: (options: ResolvedAliexpressOptions, axios: AxiosGatewayTransport) =>
      options.transport ?? axios,
  },
];
