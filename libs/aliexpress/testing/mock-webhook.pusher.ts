import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { webhookSignature } from '../src/orders/webhook.signature.js';
import { MockGatewayConfigError } from './mock-gateway.errors.js';
import { isMockPushStatus } from './mock-order.lifecycle.js';
import { pushMessageBody, type MockPushMessage } from './mock-webhook.message.js';
import {
  DEFAULT_PUSH_DELIVERY,
  type MockPushDeliveryOptions,
  type MockPushFault,
  type MockPushRecord,
} from './mock-webhook.options.js';

/** What the pusher needs from the gateway: each app's secret, and the mock clock. */
export interface MockPusherHost {
  /** The app secret of a registered app (pushes are signed with it). */
  secretOf(appKey: string): string;
  /** The mock clock, epoch ms. */
  now(): number;
}

interface ActivePushFault {
  kind: MockPushFault['kind'];
  remaining: number;
  orderStatus?: string;
  orderId?: string;
  delayMs: number;
}

const PUSH_FAULT_KINDS = new Set<MockPushFault['kind']>(['drop', 'duplicate', 'delay']);

/** Validates one delivery option: a whole number of ms (or retries) at least `min`. */
function deliveryValue(name: keyof MockPushDeliveryOptions, value: unknown, min: number): number {
  if (value === undefined) return DEFAULT_PUSH_DELIVERY[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw new MockGatewayConfigError(
      `pushes.${name} must be a whole number${min > 0 ? ' above 0' : ' (0 or more)'}`,
    );
  return value;
}

/** Checks a webhook URL: absolute http(s). */
function webhookUrl(url: unknown): URL {
  if (typeof url !== 'string' || !URL.canParse(url))
    throw new MockGatewayConfigError(`the webhook URL must be an absolute http(s) URL`);
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new MockGatewayConfigError(`the webhook URL must be http or https, got ${url}`);
  return parsed;
}

/**
 * The mock's side of `DROPSHIPPER_ORDER_STATUS_UPDATE`: the webhook URL registered per app, the
 * signed POSTs, the platform's delivery rules (HTTP 200 within the acknowledgement timeout, else
 * retried at an interval a fixed number of times), the push faults, and a log of every attempt.
 */
export class MockWebhookPusher {
  private readonly urls = new Map<string, string>();
  private readonly log: MockPushRecord[] = [];
  private readonly faults: ActivePushFault[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Aborts of the attempts under way: each stops its request without recording an attempt. */
  private readonly inFlight = new Set<() => void>();
  private readonly waiters: Array<() => void> = [];
  private readonly delivery: Required<MockPushDeliveryOptions>;
  private seq = 0;

  constructor(
    private readonly host: MockPusherHost,
    delivery: MockPushDeliveryOptions = {},
  ) {
    if (typeof delivery !== 'object' || delivery === null)
      throw new MockGatewayConfigError('pushes must be an object');
    this.delivery = {
      ackTimeoutMs: deliveryValue('ackTimeoutMs', delivery.ackTimeoutMs, 1),
      retryIntervalMs: deliveryValue('retryIntervalMs', delivery.retryIntervalMs, 0),
      maxRetries: deliveryValue('maxRetries', delivery.maxRetries, 0),
    };
  }

  /** Registers (or, with `undefined`, removes) the URL an app's pushes go to. */
  setWebhook(appKey: string, url: string | undefined): void {
    if (url === undefined || url === null) {
      this.urls.delete(appKey);
      return;
    }
    this.urls.set(appKey, webhookUrl(url).toString());
  }

  /** The registered webhook URLs, by app key. */
  webhooks(): Record<string, string> {
    return Object.fromEntries(this.urls);
  }

  /**
   * Signs and sends one push to the app's webhook (nothing when the app has none), unless a fault
   * drops, delays or duplicates it.
   */
  push(appKey: string, message: MockPushMessage): void {
    const url = this.urls.get(appKey);
    if (url === undefined) return;
    const body = pushMessageBody(message);
    const signature = webhookSignature(appKey, this.host.secretOf(appKey), body);
    const fault = this.takeFault(message);
    const record = this.record({
      appKey,
      url,
      orderId: message.orderId,
      orderStatus: message.orderStatus,
      body,
      state: fault?.kind === 'drop' ? 'dropped' : 'pending',
      ...(fault ? { fault: fault.kind } : {}),
    });
    if (fault?.kind === 'drop') return;
    this.later(fault?.kind === 'delay' ? fault.delayMs : 0, () => this.attempt(record, signature));
    if (fault?.kind === 'duplicate') {
      const { id, attempts: _attempts, ...fields } = record;
      const copy = this.record({ ...fields, duplicateOf: id, state: 'pending' });
      this.later(fault.delayMs, () => this.attempt(copy, signature));
    }
  }

  /** Adds a push fault; it hits the next `count` pushes that match it. */
  injectFault(fault: MockPushFault): void {
    if (!fault || typeof fault !== 'object' || !PUSH_FAULT_KINDS.has(fault.kind))
      throw new MockGatewayConfigError(
        `push fault kind must be one of ${[...PUSH_FAULT_KINDS].join(', ')}`,
      );
    const count = fault.count ?? 1;
    if (count !== 'all' && (!Number.isInteger(count) || count < 1))
      throw new MockGatewayConfigError('push fault count must be a positive whole number or "all"');
    const delayMs = fault.delayMs ?? (fault.kind === 'delay' ? 1000 : 0);
    if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0)
      throw new MockGatewayConfigError('push fault delayMs must be a non-negative number');
    if (fault.orderStatus !== undefined && !isMockPushStatus(fault.orderStatus))
      throw new MockGatewayConfigError(
        'push fault orderStatus must be a push status such as OrderShipped',
      );
    if (fault.orderId !== undefined && (typeof fault.orderId !== 'string' || fault.orderId === ''))
      throw new MockGatewayConfigError('push fault orderId must be an order id string');
    this.faults.push({
      kind: fault.kind,
      remaining: count === 'all' ? Infinity : count,
      orderStatus: fault.orderStatus,
      orderId: fault.orderId,
      delayMs,
    });
  }

  /** Removes every pending push fault. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Every push sent or dropped since the last reset, with its attempts. */
  records(): MockPushRecord[] {
    return this.log.map((r) => ({ ...r, attempts: r.attempts.map((a) => ({ ...a })) }));
  }

  /** Resolves with the log once no push is pending (every one delivered, given up or dropped). */
  settled(): Promise<MockPushRecord[]> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.log.some((r) => r.state === 'pending')) this.waiters.push(check);
        else resolve(this.records());
      };
      check();
    });
  }

  /** Stops every scheduled and running attempt (what is pending stays pending). */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const abort of [...this.inFlight]) abort();
  }

  /** Stops every delivery and forgets the log; faults and registered webhooks stay. */
  clear(): void {
    this.stop();
    this.log.length = 0;
    this.notify();
  }

  private record(fields: Omit<MockPushRecord, 'id' | 'attempts'>): MockPushRecord {
    const record: MockPushRecord = { id: ++this.seq, ...fields, attempts: [] };
    this.log.push(record);
    return record;
  }

  private takeFault(message: MockPushMessage): ActivePushFault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        (f.orderStatus === undefined || f.orderStatus === message.orderStatus) &&
        (f.orderId === undefined || f.orderId === message.orderId),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index];
    if (--fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private attempt(record: MockPushRecord, signature: string): void {
    const url = new URL(record.url);
    const at = this.host.now();
    const started = Date.now();
    const body = Buffer.from(record.body, 'utf8');
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      agent: false,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(body.length),
        Authorization: signature,
      },
    });
    let done = false;
    const abort = () => {
      done = true;
      clearTimeout(timer);
      this.inFlight.delete(abort);
      req.destroy();
    };
    this.inFlight.add(abort);
    const finish = (result: { status?: number; error?: string }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      this.inFlight.delete(abort);
      const delivered = result.status === 200;
      record.attempts.push({
        at,
        ...(result.status === undefined ? {} : { status: result.status }),
        ...(delivered ? {} : { error: result.error ?? `HTTP ${result.status}` }),
        delivered,
        durationMs: Date.now() - started,
      });
      if (delivered) record.state = 'delivered';
      else if (record.attempts.length > this.delivery.maxRetries) record.state = 'failed';
      else this.later(this.delivery.retryIntervalMs, () => this.attempt(record, signature));
      this.notify();
    };
    const timer = setTimeout(() => {
      finish({ error: 'timeout' });
      req.destroy();
    }, this.delivery.ackTimeoutMs);
    timer.unref();
    req.on('response', (res) => {
      res.resume();
      finish({ status: res.statusCode });
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({ error: error.code ?? error.message }),
    );
    req.end(body);
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
