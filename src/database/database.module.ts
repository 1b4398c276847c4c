import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Env } from '../config/env';
import { dataSourceOptions } from './data-source-options';
import { ENTITIES } from './entities';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => {
        const env = {
          DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
          SQLITE_PATH: config.get('SQLITE_PATH', { infer: true }),
          DATABASE_POOL_SIZE: config.get('DATABASE_POOL_SIZE', { infer: true }),
        };
        return dataSourceOptions(env, ENTITIES);
      },
    }),
  ],
})
export class DatabaseModule {}
