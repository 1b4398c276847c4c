import { EntityManager, In } from 'typeorm';
import { Forecast } from '../forecasts/forecast.entity';
import { volumeInWindow } from '../forecasts/volume-window';
import { Contract, ContractSource } from './contract.entity';

export interface Window {
  start: string;
  end: string;
}

export interface SourceVolume {
  forecast: number;
  committed: number;
}

interface VolumeRow {
  id: string;
  startsOn: string;
  endsOn: string;
  volume: string | number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Per code, the forecast falling in the window and what active contracts have committed from it
 * in the window (both pro-rated by overlapping days): two queries for any number of codes.
 */
export async function sourceVolumes(
  em: EntityManager,
  growingAreaIds: string[],
  window: Window,
  options: { excludeContractId?: string } = {},
): Promise<Map<string, SourceVolume>> {
  const volumes = new Map<string, SourceVolume>(
    growingAreaIds.map((id) => [id, { forecast: 0, committed: 0 }]),
  );
  if (!growingAreaIds.length) return volumes;
  const [forecasts, commitments] = await Promise.all([
    em
      .createQueryBuilder(Forecast, 'f')
      .select([
        'f.growingAreaId AS id',
        'f.periodStart AS startsOn',
        'f.periodEnd AS endsOn',
        'f.volume AS volume',
      ])
      .where({ growingAreaId: In(growingAreaIds) })
      .andWhere('f.periodEnd >= :start AND f.periodStart <= :end', window)
      .getRawMany<VolumeRow>(),
    em
      .createQueryBuilder(ContractSource, 's')
      .innerJoin(Contract, 'c', "c.id = s.contractId AND c.status = 'active'")
      .select([
        's.growingAreaId AS id',
        'c.deliveryFrom AS startsOn',
        'c.deliveryTo AS endsOn',
        's.committedVolume AS volume',
      ])
      .where({ growingAreaId: In(growingAreaIds) })
      .andWhere('c.deliveryTo >= :start AND c.deliveryFrom <= :end', window)
      .andWhere('c.id <> :exclude', { exclude: options.excludeContractId ?? '' })
      .getRawMany<VolumeRow>(),
  ]);
  for (const f of forecasts)
    volumes.get(f.id)!.forecast += volumeInWindow(
      Number(f.volume),
      { start: f.startsOn, end: f.endsOn },
      window,
    );
  for (const c of commitments)
    volumes.get(c.id)!.committed += volumeInWindow(
      Number(c.volume),
      { start: c.startsOn, end: c.endsOn },
      window,
    );
  for (const v of volumes.values()) {
    v.forecast = round2(v.forecast);
    v.committed = round2(v.committed);
  }
  return volumes;
}
