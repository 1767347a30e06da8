import { Injectable } from '@nestjs/common';

/** The last status reported to the app for an order, and by which source. */
export interface LedgerEntry {
  status: string;
  source: 'push' | 'poll';
}

/**
 * What the app was last told about each order (in this process), so that polling never reports a
 * change a push already delivered, and a late push never repeats what polling reported.
 */
@Injectable()
export class OrderStatusLedger {
  private readonly entries = new Map<string, LedgerEntry>();

  /** The last reported status of an order, if any. */
  get(orderId: string): LedgerEntry | undefined {
    return this.entries.get(orderId);
  }

  /** Records what the app was just told. */
  record(orderId: string, entry: LedgerEntry): void {
    this.entries.delete(orderId);
    this.entries.set(orderId, entry);
    // bounded: the oldest orders go first
    if (this.entries.size > 100_000)
      this.entries.delete(this.entries.keys().next().value as string);
  }
}
