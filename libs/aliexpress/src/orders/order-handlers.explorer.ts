import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import { ON_ORDER_STATUS } from './on-order-status.decorator.js';
import type { OrderStatusEvent } from './order-status.event.js';

/** A discovered `@OnOrderStatus()` method, bound to its provider. */
export interface OrderStatusHandler {
  /**
   * `Module/token.method` (the provider's identity, not only its class name, so two classes of
   * one name never share a key): stable across restarts, so a retry knows which handlers
   * already succeeded.
   */
  key: string;
  handle(event: OrderStatusEvent): Promise<unknown>;
}

/** Finds the `@OnOrderStatus()` methods of every provider (and controller) at startup. */
@Injectable()
export class OrderHandlersExplorer implements OnModuleInit {
  private readonly logger = new Logger('AliexpressOrderEvents');
  private found: OrderStatusHandler[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const handlers = new Map<string, OrderStatusHandler>();
    const seen = new Set<unknown>();
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.isDependencyTreeStatic()) {
        const names = this.handlerNames(wrapper.metatype?.prototype as object | undefined);
        if (names.length)
          this.logger.warn(
            `${this.identity(wrapper)} is request-scoped: its @OnOrderStatus() methods (${names.join(', ')}) are not called; make the provider a singleton`,
          );
        continue;
      }
      // one instance seen under several tokens (an alias, useExisting) is one handler
      if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.handlerNames(prototype)) {
        const method = (prototype as Record<string, unknown>)[name];
        let key = `${this.identity(wrapper)}.${name}`;
        // tokens are unique per module; the count only separates what no name tells apart
        for (let n = 2; handlers.has(key); n += 1) key = `${this.identity(wrapper)}#${n}.${name}`;
        handlers.set(key, {
          key,
          // a handler that throws synchronously becomes a rejection, like an async one
          handle: (event) =>
            Promise.resolve().then(() =>
              (method as (e: OrderStatusEvent) => unknown).call(instance, event),
            ),
        });
      }
    }
    this.found = [...handlers.values()];
  }

  /** The `@OnOrderStatus()` method names of a prototype. */
  private handlerNames(prototype: object | undefined): string[] {
    if (!prototype) return [];
    return this.scanner.getAllMethodNames(prototype).filter((name) => {
      const method = (prototype as Record<string, unknown>)[name];
      return typeof method === 'function' && this.reflector.get(ON_ORDER_STATUS, method) === true;
    });
  }

  /** A provider's identity: its module and its injection token. */
  private identity(wrapper: InstanceWrapper): string {
    const token: unknown = wrapper.token;
    const label =
      typeof token === 'function'
        ? token.name
        : typeof token === 'symbol'
          ? (token.description ?? 'symbol')
          : String(token);
    return `${wrapper.host?.name ?? '?'}/${label}`;
  }

  /** The handlers found, in discovery order. */
  handlers(): readonly OrderStatusHandler[] {
    return this.found;
  }
}
