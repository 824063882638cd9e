import type { FulfilmentGroup } from './fulfilment.type.js';

/**
 * Answers filed under the last write (the history's last entry number) and a key, the least recently used dropped
 * first once their groups together pass `capacity`. A later write makes every answer before it useless: they are
 * dropped when the first answer after it is filed, and an answer computed before it is not filed at all.
 */
export class SummaryCache {
  private readonly entries = new Map<string, FulfilmentGroup[]>();
  private size = 0;
  private seq = -1;

  constructor(private readonly capacity: number) {}

  get(seq: number, key: string): FulfilmentGroup[] | undefined {
    const groups = seq === this.seq ? this.entries.get(key) : undefined;
    if (groups) {
      this.entries.delete(key);
      this.entries.set(key, groups);
    }
    return groups;
  }

  set(seq: number, key: string, groups: FulfilmentGroup[]): void {
    if (seq < this.seq) return;
    if (seq > this.seq) {
      this.entries.clear();
      this.size = 0;
      this.seq = seq;
    }
    // An answer weighs its groups and one more: empty answers count too.
    const weight = (g: FulfilmentGroup[] | undefined) => (g ? g.length + 1 : 0);
    this.size += weight(groups) - weight(this.entries.get(key));
    this.entries.delete(key);
    this.entries.set(key, groups);
    for (const [oldest, dropped] of this.entries) {
      if (this.size <= this.capacity || oldest === key) break;
      this.entries.delete(oldest);
      this.size -= weight(dropped);
    }
  }
}
