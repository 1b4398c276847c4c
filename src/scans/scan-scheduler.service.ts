import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env';
import { PeriodicScans } from './periodic-scans.service';

const FIRST_RUN_MS = 10_000;

/**
 * Runs every scan soon after start and then every SCAN_INTERVAL_MINUTES, in each process that does
 * background work (the API unless WORKER=off, and the worker). The scans announce each subject once
 * per period, so several processes running them is harmless; BullMQ's job scheduler will take
 * over the timing with the rest of the notifications issue.
 */
@Injectable()
export class ScanScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScanScheduler.name);
  private timers: NodeJS.Timeout[] = [];
  private running?: Promise<unknown>;

  constructor(
    private readonly scans: PeriodicScans,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.get('WORKER', { infer: true }) !== 'off') this.start();
  }

  start(): void {
    if (this.timers.length) return;
    const every = this.config.get('SCAN_INTERVAL_MINUTES', { infer: true }) * 60_000;
    this.timers = [setTimeout(() => this.run(), FIRST_RUN_MS), setInterval(() => this.run(), every)];
    this.timers.forEach((t) => t.unref());
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach((t) => clearTimeout(t));
    await this.running;
  }

  private run(): void {
    if (this.running) return;
    this.running = this.scans
      .runAll()
      .then((result) => this.logger.log({ msg: 'periodic scans done', ...result }))
      .catch((error: Error) => this.logger.error(`periodic scans failed: ${error.message}`, error.stack))
      .finally(() => (this.running = undefined));
  }
}
