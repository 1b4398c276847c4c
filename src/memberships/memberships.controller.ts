import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiOkPage, ErrorBody, Page } from '@lienket/http-common';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AddMemberDto } from './dto/add-member.dto';
import { ListMembersQuery } from './dto/list-members.query';
import { MemberResponse } from './dto/member.response';
import { MembershipsService } from './memberships.service';

@ApiTags('cooperatives')
@ApiBearerAuth()
@Roles('admin', 'official', 'cooperative')
@Controller('cooperatives/:id/members')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get()
  @ApiOkPage(MemberResponse)
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Cooperative missing or outside your scope' })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: ListMembersQuery,
  ): Promise<Page<MemberResponse>> {
    return this.memberships.list(actor, id, q);
  }

  @Post()
  @ApiCreatedResponse({ type: MemberResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'Already an active member' })
  add(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AddMemberDto,
  ): Promise<MemberResponse> {
    return this.memberships.add(actor, id, dto);
  }

  @Delete(':householdId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The membership now has a leave date' })
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('householdId', ParseUUIDPipe) householdId: string,
  ): Promise<void> {
    return this.memberships.remove(actor, id, householdId);
  }
}
