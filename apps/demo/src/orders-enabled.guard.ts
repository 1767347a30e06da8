import { ForbiddenException, Injectable, type CanActivate } from '@nestjs/common';
import { DemoGateway } from './demo-settings.js';

/** Lets `POST /orders` through against the mock, and against a real gateway only with DEMO_ALLOW_ORDERS=true. */
@Injectable()
export class OrdersEnabledGuard implements CanActivate {
  constructor(private readonly demo: DemoGateway) {}

  async canActivate(): Promise<boolean> {
    if ((await this.demo.resolve()).ordersEnabled) return true;
    throw new ForbiddenException(
      'placing orders against a real gateway is disabled: set DEMO_ALLOW_ORDERS=true to allow it',
    );
  }
}
