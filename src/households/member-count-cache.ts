import { Injectable } from '@nestjs/common';

export interface CountedAt {
  /** The cooperative's membership version (cooperative_member_versions) the count was taken at. */
  version: number;
  total: number;
}

/**
 * Match counts of cooperatives' name searches, least recently used out first. Counting reads every
 * matching index entry (most of a search's database time for a common prefix), while the page next
 * to it reads twenty; a count is reused only while its cooperative's membership version is unchanged,
 * which the page's own statement reads, so a cached total is never stale and the cache can be
 * per process.
 */
@Injectable()
export class MemberCountCache {
  static readonly CAPACITY = 10_000;
  private readonly entries = new Map<string, CountedAt>();

  get(key: string): CountedAt | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CountedAt): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MemberCountCache.CAPACITY) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
