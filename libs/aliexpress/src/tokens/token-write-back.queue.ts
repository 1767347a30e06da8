/**
 * Pairs the gateway issued but the token store refused (Redis restarting, unreachable), kept in
 * process memory and written back in the background.
 *
 * Invariant — a rotated pair is never lost: once the gateway has rotated a pair (or exchanged a
 * code), the old refresh token is dead, so a pair the store refused is kept here until it is
 * written. It is written back with retries (at most `FLUSH_MAX_RETRY_MS` apart) as soon as the
 * store answers, on the account's next use (which reads it before the store), or at shutdown; it
 * is dropped only once written, or when the store meanwhile holds a genuinely newer pair. One write
 * per account at a time: background retries, loads and shutdown share it.
 */
import { Logger } from '@nestjs/common';
import { ExponentialBackoff, handleType, retry } from 'cockatiel';
import { TokenStoreError } from '../errors/aliexpress.errors.js';
import { toAccount, type StoredToken } from './aliexpress-token.interface.js';
import type { TokenEventSink } from './token-events.js';
import { FLUSH_FIRST_RETRY_MS, FLUSH_MAX_RETRY_MS, sleep } from './token-lifecycle.timing.js';
import type { PairWrite, TokenPairWriter } from './token-pair.writer.js';

/** The background write-back of pairs the store refused, per account. */
export class TokenWriteBackQueue {
  private readonly logger = new Logger('AliexpressTokens');
  private readonly pending = new Map<string, PairWrite>();
  /** One write of a pending pair at a time per account (background retries and loads share it). */
  private readonly flushing = new Map<string, Promise<void>>();
  /** Background writes in progress, with their retries. */
  private readonly writingBack = new Set<string>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly writer: TokenPairWriter,
    private readonly emit: TokenEventSink,
  ) {}

  /** The pair kept for the account, if any. */
  get(accountId: string): PairWrite | undefined {
    return this.pending.get(accountId);
  }

  /** Forgets the account's kept pair: a newer one (a code just exchanged) supersedes it. */
  drop(accountId: string): void {
    this.pending.delete(accountId);
  }

  /** Forgets `write` now that it is stored, unless a newer pair was kept meanwhile. */
  settle(accountId: string, write: PairWrite): void {
    if (this.pending.get(accountId) === write) this.pending.delete(accountId);
  }

  /** Keeps a pair the store refused, and starts writing it back in the background. */
  keep(accountId: string, write: PairWrite): void {
    this.pending.set(accountId, write);
    if (this.writingBack.has(accountId) || this.stopping.signal.aborted) return;
    this.writingBack.add(accountId);
    const policy = retry(handleType(TokenStoreError), {
      maxAttempts: Number.MAX_SAFE_INTEGER,
      backoff: new ExponentialBackoff({
        initialDelay: FLUSH_FIRST_RETRY_MS,
        maxDelay: FLUSH_MAX_RETRY_MS,
      }),
    });
    const firstTry = Date.now() + FLUSH_FIRST_RETRY_MS;
    void policy
      .execute(async () => {
        // the first attempt waits a little: the store has just failed
        if (Date.now() < firstTry) await sleep(firstTry - Date.now());
        if (this.pending.has(accountId)) await this.flush(accountId);
      }, this.stopping.signal)
      .then(
        () => {
          this.writingBack.delete(accountId);
          // a newer pair was kept while the last write ran: write that one too
          const newer = this.pending.get(accountId);
          if (newer) this.keep(accountId, newer);
        },
        (error: unknown) => {
          this.writingBack.delete(accountId);
          if (this.stopping.signal.aborted) return;
          this.logger.warn(
            `account ${accountId}: pair kept in memory not written back (${(error as Error).name}); it is written on next use`,
          );
        },
      );
  }

  /**
   * Before the account's record is read: writes its kept pair, if any. Resolves the kept pair when
   * the store is still down (it is the newest there is), undefined when the store is to be read.
   */
  async beforeRead(accountId: string): Promise<StoredToken | undefined> {
    const pending = this.pending.get(accountId);
    if (!pending) return undefined;
    try {
      await this.flush(accountId);
    } catch (error) {
      if (error instanceof TokenStoreError)
        return this.pending.get(accountId)?.token ?? pending.token;
      throw error;
    }
    return undefined;
  }

  /**
   * Stops the background write-backs, then tries once more to write every pair still kept (the
   * store is still open: Nest closes it after the module's destroy hooks).
   */
  async shutdown(): Promise<void> {
    this.stopping.abort();
    for (const accountId of [...this.pending.keys()]) {
      try {
        await this.flush(accountId);
      } catch (error) {
        this.logger.error(
          `account ${accountId}: a rotated pair could not be written before shutdown (${(error as Error).name}); the account may need to authorize again`,
        );
      }
    }
  }

  /** Writes the account's kept pair, one write at a time. */
  private flush(accountId: string): Promise<void> {
    let flight = this.flushing.get(accountId);
    if (!flight) {
      const pending = this.pending.get(accountId);
      if (!pending) return Promise.resolve();
      flight = this.write(accountId, pending).finally(() => this.flushing.delete(accountId));
      this.flushing.set(accountId, flight);
    }
    return flight;
  }

  /** Writes a kept pair, unless the store meanwhile holds a genuinely newer one. */
  private async write(accountId: string, pending: PairWrite): Promise<void> {
    const written = await this.writer.write(pending);
    this.settle(accountId, pending);
    if (!written) {
      this.logger.log(
        `account ${accountId}: a newer pair is stored; the one kept in memory is dropped`,
      );
      return;
    }
    this.logger.log(`account ${accountId}: pair kept in memory written to the token store`);
    if (pending.replaces !== undefined)
      await this.emit({ type: 'refreshed', accountId, account: toAccount(written) });
  }
}
