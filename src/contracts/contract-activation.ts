import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { GrowingArea } from '../growing-areas/growing-area.entity';
import { Plot } from '../growing-areas/plot.entity';
import { Contract, ContractSource } from './contract.entity';
import { sourceVolumes } from './source-volumes';

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Activation (SPEC §2, issue 6): every source is an active code of the contract's product, managed
 * by the contracted cooperative (or holding a plot of the contracted household), and the volume
 * fits what the sources' forecasts in the delivery window still leave uncommitted. The sources'
 * rows are locked first, so parallel activations over the same codes run one after the other and
 * never commit the same forecast twice.
 */
@Injectable()
export class ContractActivation {
  async activate(em: EntityManager, contract: Contract): Promise<void> {
    const sources = await em.find(ContractSource, { where: { contractId: contract.id } });
    const ids = sources.map((s) => s.growingAreaId).sort();
    const areas = await this.lockAreas(em, ids);
    const problems: string[] = [];
    const plotted = contract.householdId
      ? new Set(
          (await em.find(Plot, { where: { householdId: contract.householdId, growingAreaId: In(ids) } })).map(
            (p) => p.growingAreaId,
          ),
        )
      : new Set<string>();
    for (const id of ids) {
      const area = areas.find((a) => a.id === id);
      if (!area) {
        problems.push(`code ${id} does not exist`);
        continue;
      }
      if (area.status !== 'active') problems.push(`code ${area.code} is ${area.status}`);
      if (area.productCode !== contract.productCode)
        problems.push(`code ${area.code} is for ${area.productCode}`);
      if (contract.cooperativeId && area.cooperativeId !== contract.cooperativeId) {
        problems.push(`code ${area.code} is not managed by the contracted cooperative`);
      }
      if (contract.householdId && !plotted.has(id)) {
        problems.push(`the contracted household holds no plot in code ${area.code}`);
      }
    }
    if (problems.length)
      throw new UnprocessableEntityException(`The contract cannot be activated: ${problems.join('; ')}`);
    const window = { start: contract.deliveryFrom, end: contract.deliveryTo };
    const volumes = await sourceVolumes(em, ids, window, { excludeContractId: contract.id });
    const available = ids
      .map((id) => ({
        id,
        free: Math.max(0, round2(volumes.get(id)!.forecast - volumes.get(id)!.committed)),
      }))
      .sort((a, b) => b.free - a.free || a.id.localeCompare(b.id));
    const total = round2(available.reduce((n, s) => n + s.free, 0));
    if (total < contract.volume) {
      throw new ConflictException({
        message: `The sources' uncommitted forecast for ${contract.deliveryFrom}…${contract.deliveryTo} is ${total}, ${round2(contract.volume - total)} short of ${contract.volume}`,
        available: total,
        shortfall: round2(contract.volume - total),
      });
    }
    let remaining = contract.volume;
    for (const source of available) {
      const take = round2(Math.min(source.free, remaining));
      remaining = round2(remaining - take);
      await em.update(
        ContractSource,
        { contractId: contract.id, growingAreaId: source.id },
        { committedVolume: take },
      );
    }
  }

  /** SELECT … FOR UPDATE on MySQL/MariaDB (in id order, so two activations cannot deadlock); SQLite has one writer. */
  private lockAreas(em: EntityManager, ids: string[]): Promise<GrowingArea[]> {
    const qb = em
      .createQueryBuilder(GrowingArea, 'g')
      .where({ id: In(ids) })
      .orderBy('g.id', 'ASC');
    if (em.connection.options.type === 'mysql') qb.setLock('pessimistic_write');
    return qb.getMany();
  }
}
