import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EthnicitiesController } from './ethnicities.controller';
import { Ethnicity } from './ethnicity.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Ethnicity])],
  controllers: [EthnicitiesController],
})
export class EthnicitiesModule {}
