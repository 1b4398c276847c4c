import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EthnicitiesController } from './ethnicities.controller';
import { Ethnicity } from './ethnicity.entity';
import { EthnicityNamesService } from './ethnicity-names.service';

@Module({
  imports: [TypeOrmModule.forFeature([Ethnicity])],
  controllers: [EthnicitiesController],
  providers: [EthnicityNamesService],
  exports: [EthnicityNamesService],
})
export class EthnicitiesModule {}
