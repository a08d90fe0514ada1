import { LRUCache } from "lru-cache";

/**
 * Rows this instance has read, each kept with the revision it was read at (ADR 009). An entry is
 * served only while the database still reports that very revision, so nothing is ever invalidated
 * and no instance has to tell another: a changed page is read again and replaces its entry.
 */
export class RevisionCache<T extends { revision: string }> {
  private readonly rows: LRUCache<string, T>;

  constructor(max: number) {
    this.rows = new LRUCache<string, T>({ max });
  }

  /** The rows for `key` at `revision`: the kept copy when it is of that revision, else `read()` (kept for next time). */
  async at(key: string, revision: string, read: () => Promise<T | null>): Promise<T | null> {
    const kept = this.rows.get(key);
    if (kept?.revision === revision) return kept;
    const fresh = await read();
    if (fresh) this.rows.set(key, fresh);
    return fresh;
  }
}
