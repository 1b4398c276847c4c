import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';

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
export class MemberCountCache extends LRUCache<string, CountedAt> {
  constructor() {
    super({ max: 10_000 });
  }
}
