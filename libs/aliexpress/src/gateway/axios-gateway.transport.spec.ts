import { AxiosGatewayTransport } from './axios-gateway.transport.js';
import { describeGatewayTransport } from './gateway.transport.contract.js';

describeGatewayTransport('AxiosGatewayTransport', () => new AxiosGatewayTransport());
