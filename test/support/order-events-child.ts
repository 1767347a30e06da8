/*
 * A process of its own for the "killed between the 200 and the handler" case: an app with the
 * webhook and the BullMQ inbox, whose handler announces the event and never finishes. The test
 * sends it a push, waits for "HANDLING", and kills it with SIGKILL.
 * Env: GATEWAY_URL, REDIS_URL, QUEUE, KEY_PREFIX.
 */
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import {
  AliexpressModule,
  BullMqOrderInbox,
  OnOrderStatus,
  RedisTokenStore,
  type OrderStatusEvent,
} from 'nestjs-aliexpress';
import { TEST_APP } from './gateway-harness.js';

/** Announces each event on stdout, then hangs: the process dies with the message in hand. */
@Injectable()
class HangingHandler {
  @OnOrderStatus()
  handle(event: OrderStatusEvent): Promise<void> {
    process.stdout.write(`HANDLING ${event.eventId}\n`);
    return new Promise(() => undefined);
  }
}

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

@Module({
  imports: [
    AliexpressModule.forRoot({
      appKey: TEST_APP.appKey,
      appSecret: TEST_APP.appSecret,
      baseUrl: env('GATEWAY_URL'),
      controller: false,
      webhook: true,
      tokenStore: new RedisTokenStore({ url: env('REDIS_URL'), keyPrefix: env('KEY_PREFIX') }),
      orderInbox: new BullMqOrderInbox({
        url: env('REDIS_URL'),
        queueName: env('QUEUE'),
        lockDurationMs: 1000,
        stalledIntervalMs: 300,
      }),
      orderSync: { enabled: false },
    }),
  ],
  providers: [HangingHandler],
})
class ChildModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(ChildModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as { port: number };
  process.stdout.write(`LISTENING ${port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
