import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiOkPage, ErrorBody, Page } from '@lienket/http-common';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { DismissDuplicateDto, ListDuplicatesQuery, MergeDuplicateDto } from './dto/duplicate-decision.dto';
import { DuplicatePairResponse } from './dto/duplicate-pair.response';
import { PutSupportRulesDto, SupportRuleDto } from './dto/support-rule.dto';
import { IntegrityService } from './integrity.service';

class ScanResponse {
  @ApiProperty({ example: 1200 }) scanned!: number;
  @ApiProperty({ example: 3 }) newPairs!: number;
}

/** Data integrity for officials: the double-support rules and probable duplicate households. */
@ApiTags('integrity')
@ApiBearerAuth()
@Roles('admin', 'official')
@Controller('integrity')
export class IntegrityController {
  constructor(private readonly integrity: IntegrityService) {}

  @Get('allowed-combinations')
  @ApiOkResponse({ type: [SupportRuleDto] })
  rules(): Promise<SupportRuleDto[]> {
    return this.integrity.rules();
  }

  @Put('allowed-combinations')
  @ApiOkResponse({ type: [SupportRuleDto] })
  replaceRules(@CurrentActor() actor: Actor, @Body() dto: PutSupportRulesDto): Promise<SupportRuleDto[]> {
    return this.integrity.replaceRules(actor, dto);
  }

  @Get('duplicates')
  @ApiOkPage(DuplicatePairResponse)
  duplicates(
    @CurrentActor() actor: Actor,
    @Query() q: ListDuplicatesQuery,
  ): Promise<Page<DuplicatePairResponse>> {
    return this.integrity.listDuplicates(actor, q);
  }

  @Post('duplicates/scan')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: ScanResponse })
  scan(): Promise<ScanResponse> {
    return this.integrity.scan();
  }

  @Post('duplicates/:id/merge')
  @HttpCode(200)
  @ApiOkResponse({ type: DuplicatePairResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'Already decided' })
  merge(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MergeDuplicateDto,
  ): Promise<DuplicatePairResponse> {
    return this.integrity.merge(actor, id, dto);
  }

  @Post('duplicates/:id/dismiss')
  @HttpCode(200)
  @ApiOkResponse({ type: DuplicatePairResponse })
  dismiss(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DismissDuplicateDto,
  ): Promise<DuplicatePairResponse> {
    return this.integrity.dismiss(actor, id, dto);
  }
}
