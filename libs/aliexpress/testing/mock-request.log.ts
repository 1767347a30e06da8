import type { MockRequestLogEntry } from './mock-gateway.options.js';

/** The requests the mock received, each with its verdict, numbered in order of arrival. */
export class MockRequestLog {
  private readonly entries: MockRequestLogEntry[] = [];
  private seq = 0;

  /** `now` stamps each entry with the mock clock. */
  constructor(private readonly now: () => number) {}

  /** Adds a request; the entry is returned so its verdict can be set once known. */
  record(entry: Omit<MockRequestLogEntry, 'seq' | 'at'>): MockRequestLogEntry {
    const full = { seq: ++this.seq, at: this.now(), ...entry };
    this.entries.push(full);
    return full;
  }

  /** A copy of every entry. */
  list(): MockRequestLogEntry[] {
    return this.entries.map((entry) => ({ ...entry, params: { ...entry.params } }));
  }

  /** Forgets the entries (numbering goes on). */
  clear(): void {
    this.entries.length = 0;
  }
}
