import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../../config/env';
import { UsersService } from '../../users/users.service';
import { DemoSeed } from './demo.seed';
import { ReferenceDataSeed } from './reference-data.seed';

/** After migrations: reference data always, the bootstrap admin when configured, demo data when asked. */
@Injectable()
export class StartupSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly config: ConfigService<Env, true>,
    private readonly reference: ReferenceDataSeed,
    private readonly demo: DemoSeed,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reference.run();
    await this.users.bootstrapAdmin(
      this.config.get('ADMIN_USERNAME', { infer: true }),
      this.config.get('ADMIN_PASSWORD', { infer: true }),
    );
    const seedDemo =
      this.config.get('SEED_DEMO', { infer: true }) ?? !this.config.get('DATABASE_URL', { infer: true });
    if (seedDemo) await this.demo.run(this.config.get('SQLITE_PATH', { infer: true }));
  }
}
