import { Module } from '@nestjs/common';
import { UsersModule } from '../../users/users.module';
import { CertificatesSeed } from './certificates.seed';
import { ValueChainsSeed } from './value-chains.seed';
import { DemoSeed } from './demo.seed';
import { ReferenceDataSeed } from './reference-data.seed';
import { StartupSeeder } from './startup-seeder';

@Module({
  imports: [UsersModule],
  providers: [ReferenceDataSeed, CertificatesSeed, ValueChainsSeed, DemoSeed, StartupSeeder],
})
export class SeedsModule {}
