import { HttpModule } from '@nestjs/axios';
import type { Provider } from '@nestjs/common';
import {
  AxiosGatewayTransport,
  GatewayHttpService,
  gatewayAxiosOptions,
} from './axios-gateway.transport';
import { GatewayTransport } from './gateway.transport';

/**
 * The module's transport providers: the axios instance and options from
 * `HttpModule.registerAsync` (created when the application starts, one per application), the
 * private {@link GatewayHttpService}, and the {@link GatewayTransport} port bound to
 * {@link AxiosGatewayTransport}.
 */
export const gatewayTransportProviders: Provider[] = [
  ...(HttpModule.registerAsync({ useFactory: gatewayAxiosOptions }).providers ?? []),
  GatewayHttpService,
  { provide: GatewayTransport, useClass: AxiosGatewayTransport },
];
