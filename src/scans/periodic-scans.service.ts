import { Injectable } from '@nestjs/common';
import { InspectionScans, ScanResult } from '../certification/inspection-scans.service';
import { todayInVietnam } from '../certification/inspection-schedule';
import { ContractExpiryScan, ContractScanResult } from '../contracts/contract-expiry-scan.service';
import { CapacityScan, CapacityScanResult } from '../forecasts/capacity-scan.service';
import { DisbursementLagScan, LagScanResult } from '../value-chains/disbursement-lag-scan.service';

export interface ScansRun {
  today: string;
  inspections: ScanResult[];
  capacity: CapacityScanResult;
  contracts: ContractScanResult;
  disbursementLagging: LagScanResult;
}

/**
 * Every periodic scan behind one service. Each is idempotent per subject and period (scan_marks),
 * so the scheduler may run them as often, and in as many workers, as it likes.
 */
@Injectable()
export class PeriodicScans {
  constructor(
    private readonly inspectionScans: InspectionScans,
    private readonly capacityScan: CapacityScan,
    private readonly contractScan: ContractExpiryScan,
    private readonly lagScan: DisbursementLagScan,
  ) {}

  inspections(today = todayInVietnam()): Promise<ScanResult[]> {
    return this.inspectionScans.run(today);
  }

  capacity(today = todayInVietnam()): Promise<CapacityScanResult> {
    return this.capacityScan.run(Number(today.slice(0, 4)));
  }

  contracts(today = todayInVietnam()): Promise<ContractScanResult> {
    return this.contractScan.run(today);
  }

  disbursementLagging(today = todayInVietnam()): Promise<LagScanResult> {
    return this.lagScan.run(today);
  }

  async runAll(today = todayInVietnam()): Promise<ScansRun> {
    return {
      today,
      inspections: await this.inspections(today),
      capacity: await this.capacity(today),
      contracts: await this.contracts(today),
      disbursementLagging: await this.disbursementLagging(today),
    };
  }
}
