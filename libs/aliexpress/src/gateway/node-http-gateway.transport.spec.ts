import { describeGatewayTransport } from './gateway.transport.contract';
import { NodeHttpGatewayTransport } from './node-http-gateway.transport';

describeGatewayTransport('NodeHttpGatewayTransport', () => new NodeHttpGatewayTransport());
