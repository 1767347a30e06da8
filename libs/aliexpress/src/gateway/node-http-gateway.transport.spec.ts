import { describeGatewayTransport } from './gateway.transport.contract.js';
import { NodeHttpGatewayTransport } from './node-http-gateway.transport.js';

describeGatewayTransport('NodeHttpGatewayTransport', () => new NodeHttpGatewayTransport());
