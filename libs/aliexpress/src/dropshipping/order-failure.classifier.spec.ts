import {
  AliexpressBusinessError,
  AliexpressTransportError,
  AmbiguousOrderStateError,
  OrderAlreadyPlacedError,
  ReauthorizationRequiredError,
  type TransportFailureKind,
} from '../errors/aliexpress.errors.js';
import { OrderFailureClassifier, failurePhase } from './order-failure.classifier.js';

const API = 'aliexpress.ds.order.create';
const ORDER = { accountId: 'acc-1', outOrderId: 'out-1' };
const transport = (kind: TransportFailureKind, mayHaveReachedGateway?: boolean) =>
  new AliexpressTransportError({ kind, apiName: API, message: kind, mayHaveReachedGateway });
const business = (code: string) =>
  new AliexpressBusinessError({ apiName: API, code, requestId: 'req-1' });

function classifier() {
  const warn = vi.fn();
  return { failures: new OrderFailureClassifier(ORDER, { warn }), warn };
}

describe('failurePhase', () => {
  it('an answer that came but could not be read is in the answer phase, whenever it is seen', () => {
    expect(failurePhase(transport('unexpected-shape'), 'send')).toBe('answer');
    expect(failurePhase(transport('response-too-large'), 'send')).toBe('answer');
    expect(failurePhase(transport('timeout'), 'send')).toBe('send');
    expect(failurePhase(business('X'), 'answer')).toBe('answer');
  });
});

describe('OrderFailureClassifier', () => {
  it('a token-phase failure (never sent) is raised as it is, nothing logged', () => {
    const { failures, warn } = classifier();
    const token = new ReauthorizationRequiredError({ accountId: ORDER.accountId });
    expect(failures.afterSend(token)).toBe(token);
    expect(warn).not.toHaveBeenCalled();
  });

  it('a send that may have reached the platform is ambiguous in the send phase, logged', () => {
    const { failures, warn } = classifier();
    const timeout = transport('timeout');
    failures.recordSendFailure(timeout);
    const raised = failures.afterSend(timeout);
    expect(raised).toBeInstanceOf(AmbiguousOrderStateError);
    expect(raised).toMatchObject({ ...ORDER, failure: 'timeout', phase: 'send' });
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('(timeout, send phase); not re-sent'),
    );
  });

  it('an unreadable answer met while sending is ambiguous in the answer phase', () => {
    const { failures } = classifier();
    const shape = transport('unexpected-shape');
    failures.recordSendFailure(shape);
    expect(failures.afterSend(shape)).toMatchObject({
      failure: 'unexpected-shape',
      phase: 'answer',
    });
  });

  it('once an attempt may have reached the platform, a later token failure is ambiguous too', () => {
    const { failures } = classifier();
    failures.recordSendFailure(transport('connection', true));
    const later = new ReauthorizationRequiredError({ accountId: ORDER.accountId });
    expect(failures.afterSend(later)).toMatchObject({ failure: 'connection', phase: 'send' });
  });

  it('a request certainly not processed, or a refusal, is raised as it is', () => {
    const { failures, warn } = classifier();
    const refused = transport('connection', false);
    failures.recordSendFailure(refused);
    expect(failures.afterSend(refused)).toBe(refused);
    const refusal = business('B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL');
    failures.recordSendFailure(refusal);
    expect(failures.afterSend(refusal)).toBe(refusal);
    expect(failures.afterAnswer(refusal)).toBe(refusal);
    expect(warn).not.toHaveBeenCalled();
  });

  it('REPEATED_ORDER_ERROR is OrderAlreadyPlacedError, sent or answered', () => {
    const { failures } = classifier();
    const repeated = business('REPEATED_ORDER_ERROR');
    failures.recordSendFailure(repeated);
    for (const raised of [failures.afterSend(repeated), failures.afterAnswer(repeated)]) {
      expect(raised).toBeInstanceOf(OrderAlreadyPlacedError);
      expect(raised).toMatchObject({ ...ORDER, requestId: 'req-1' });
    }
  });

  it('an answer that cannot be used is ambiguous in the answer phase', () => {
    const { failures } = classifier();
    expect(failures.afterAnswer(transport('unexpected-shape'))).toMatchObject({
      failure: 'unexpected-shape',
      phase: 'answer',
    });
  });
});
