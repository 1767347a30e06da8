import axios from 'axios';
import {
  AxiosGatewayTransport,
  GatewayHttpService,
  gatewayAxiosOptions,
} from './axios-gateway.transport';
import { describeGatewayTransport } from './gateway.transport.contract';

describeGatewayTransport(
  'AxiosGatewayTransport',
  () => new AxiosGatewayTransport(new GatewayHttpService(axios.create(gatewayAxiosOptions()))),
);
