import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@lienket/http-common';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AUDIT_ENTITIES, AuditEntity } from '../audit-log.entity';

export class ListAuditQuery extends PageQuery(['createdAt'] as const) {
  @ApiPropertyOptional({ enum: AUDIT_ENTITIES })
  @IsOptional()
  @IsIn(AUDIT_ENTITIES)
  entity?: AuditEntity;

  @ApiPropertyOptional({ description: 'Id (or code) of the changed record' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ description: 'User id of the actor' })
  @IsOptional()
  @IsUUID()
  actor?: string;
}
