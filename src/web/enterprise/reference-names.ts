import { DataSource, In } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { scopes } from '../../auth/scopes';
import { Commune } from '../../communes/commune.entity';
import { Cooperative } from '../../cooperatives/cooperative.entity';
import { Enterprise } from '../../enterprises/enterprise.entity';
import { GrowingArea } from '../../growing-areas/growing-area.entity';
import { GrowingAreaMarket } from '../../growing-areas/growing-area-market.entity';
import { ValueChain } from '../../value-chains/value-chain.entity';

/**
 * The names a page shows next to the ids the services answer with: one query per kind for a whole
 * page (never one per row), scoped like the API's reads, so a name outside the caller's scope is
 * simply absent.
 */
export class ReferenceNames {
  constructor(private readonly dataSource: DataSource) {}

  async cooperatives(actor: Actor, ids: Array<string | null>): Promise<Map<string, string>> {
    const wanted = unique(ids);
    if (!wanted.length) return new Map();
    const rows = await scopes
      .cooperatives(this.dataSource.createQueryBuilder(Cooperative, 'c'), actor)
      .select(['c.id', 'c.name'])
      .andWhere('c.id IN (:...ids)', { ids: wanted })
      .getMany();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async enterprises(ids: Array<string | null>): Promise<Map<string, string>> {
    const wanted = unique(ids);
    if (!wanted.length) return new Map();
    const rows = await this.dataSource
      .getRepository(Enterprise)
      .find({ select: { id: true, name: true }, where: { id: In(wanted) } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async communes(codes: Array<string | null>): Promise<Map<string, string>> {
    const wanted = unique(codes);
    if (!wanted.length) return new Map();
    const rows = await this.dataSource
      .getRepository(Commune)
      .find({ select: { code: true, name: true }, where: { code: In(wanted) } });
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async valueChain(actor: Actor, id: string | null): Promise<string | null> {
    if (!id) return null;
    const row = await scopes
      .valueChains(this.dataSource.createQueryBuilder(ValueChain, 'v'), actor)
      .select(['v.id', 'v.name'])
      .andWhere('v.id = :id', { id })
      .getOne();
    return row?.name ?? null;
  }

  /** Growing-area codes the caller may read: code, commune, status and declared area. */
  async codes(actor: Actor, ids: string[]): Promise<Map<string, CodeSummary>> {
    if (!ids.length) return new Map();
    const rows = await scopes
      .growingAreas(this.dataSource.createQueryBuilder(GrowingArea, 'g'), actor)
      .select(['g.id', 'g.code', 'g.communeCode', 'g.status', 'g.areaHa'])
      .andWhere('g.id IN (:...ids)', { ids })
      .getMany();
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The export markets some code is registered for (read from the market index alone). */
  async markets(): Promise<string[]> {
    const rows = await this.dataSource
      .createQueryBuilder(GrowingAreaMarket, 'm')
      .select('DISTINCT m.market', 'market')
      .orderBy('m.market', 'ASC')
      .limit(250)
      .getRawMany<{ market: string }>();
    return rows.map((r) => r.market);
  }
}

export type CodeSummary = Pick<GrowingArea, 'id' | 'code' | 'communeCode' | 'status' | 'areaHa'>;

const unique = (values: Array<string | null>): string[] =>
  [...new Set(values)].filter((v): v is string => Boolean(v));
