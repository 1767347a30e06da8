import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ON_ORDER_STATUS } from './on-order-status.decorator';
import type { OrderStatusEvent } from './order-status.event';

/** A discovered `@OnOrderStatus()` method, bound to its provider. */
export interface OrderStatusHandler {
  /** `Class.method`: stable across restarts, so a retry knows which handlers already succeeded. */
  key: string;
  handle(event: OrderStatusEvent): Promise<unknown>;
}

/** Finds the `@OnOrderStatus()` methods of every provider (and controller) at startup. */
@Injectable()
export class OrderHandlersExplorer implements OnModuleInit {
  private found: OrderStatusHandler[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const handlers = new Map<string, OrderStatusHandler>();
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = (prototype as Record<string, unknown>)[name];
        if (typeof method !== 'function' || !this.reflector.get(ON_ORDER_STATUS, method)) continue;
        const key = `${instance.constructor.name}.${name}`;
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

  /** The handlers found, in discovery order. */
  handlers(): readonly OrderStatusHandler[] {
    return this.found;
  }
}
