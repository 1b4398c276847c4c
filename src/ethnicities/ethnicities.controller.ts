import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiOkPage, Page, paginate } from '@lienket/http-common';
import { Repository } from 'typeorm';
import { EthnicityResponse, toEthnicityResponse } from './dto/ethnicity.response';
import { ListEthnicitiesQuery } from './dto/list-ethnicities.query';
import { Ethnicity } from './ethnicity.entity';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('ethnicities')
export class EthnicitiesController {
  constructor(@InjectRepository(Ethnicity) private readonly ethnicities: Repository<Ethnicity>) {}

  @Get()
  @ApiOkPage(EthnicityResponse)
  list(@Query() q: ListEthnicitiesQuery): Promise<Page<EthnicityResponse>> {
    return paginate(this.ethnicities.createQueryBuilder('e'), q, toEthnicityResponse, 'code');
  }
}
