import { Module } from '@nestjs/common';
import { UsersModule } from '../../users/users.module';
import { DemoSeed } from './demo.seed';
import { ReferenceDataSeed } from './reference-data.seed';
import { StartupSeeder } from './startup-seeder';

@Module({
  imports: [UsersModule],
  providers: [ReferenceDataSeed, DemoSeed, StartupSeeder],
})
export class SeedsModule {}
