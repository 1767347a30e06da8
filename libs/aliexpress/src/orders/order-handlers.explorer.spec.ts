import { Injectable, Logger, Module, Scope } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { OnOrderStatus } from './on-order-status.decorator.js';
import { OrderHandlersExplorer } from './order-handlers.explorer.js';
import type { OrderStatusEvent } from './order-status.event.js';

const calls: string[] = [];

/** Two classes of one name, in two modules: each must be its own handler. */
const makeHandler = (label: string) => {
  @Injectable()
  class Handler {
    @OnOrderStatus()
    onStatus(): void {
      calls.push(label);
    }
  }
  return Handler;
};
const FirstHandler = makeHandler('first');
const SecondHandler = makeHandler('second');

@Module({ providers: [FirstHandler] })
class FirstModule {}
@Module({ providers: [SecondHandler] })
class SecondModule {}

@Injectable({ scope: Scope.REQUEST })
class PerRequestHandler {
  @OnOrderStatus()
  onStatus(): void {
    calls.push('request');
  }
}

describe('OrderHandlersExplorer', () => {
  beforeEach(() => calls.splice(0));
  afterEach(() => vi.restoreAllMocks());

  const explore = async (...imports: (new () => unknown)[]) => {
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule, ...imports],
      providers: [OrderHandlersExplorer],
    }).compile();
    await moduleRef.init();
    return moduleRef.get(OrderHandlersExplorer);
  };

  it('keeps two providers whose classes share a name apart, each under a stable key of its own', async () => {
    const explorer = await explore(FirstModule, SecondModule);
    const handlers = explorer.handlers();
    expect(handlers).toHaveLength(2);
    expect(new Set(handlers.map((h) => h.key)).size).toBe(2);
    for (const handler of handlers) await handler.handle({} as OrderStatusEvent);
    expect(calls.sort()).toEqual(['first', 'second']);
    // the same application discovered again (a restart) gives the same keys
    const again = await explore(FirstModule, SecondModule);
    expect(again.handlers().map((h) => h.key)).toEqual(handlers.map((h) => h.key));
  });

  it('warns that a request-scoped provider with @OnOrderStatus() is not called', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    @Module({ providers: [PerRequestHandler] })
    class RequestModule {}
    const explorer = await explore(RequestModule);
    expect(explorer.handlers()).toHaveLength(0);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/PerRequestHandler.*request-scoped.*onStatus/),
    );
  });
});
