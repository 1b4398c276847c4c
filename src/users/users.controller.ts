import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiOkPage, ErrorBody, Page } from '@lienket/http-common';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserResponse } from './dto/user.response';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'Username taken' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(actor, dto);
  }

  @Get()
  @ApiOkPage(UserResponse)
  list(@Query() q: ListUsersQuery): Promise<Page<UserResponse>> {
    return this.users.list(q);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return this.users.findOne(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'Stale version' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponse> {
    return this.users.update(actor, id, dto);
  }
}
