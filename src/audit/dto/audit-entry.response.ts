import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ENTITIES, AuditChanges, AuditEntity, AuditLog } from '../audit-log.entity';

export class AuditEntryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'admin' }) actorUsername!: string | null;
  @ApiProperty({ enum: AUDIT_ENTITIES }) entity!: AuditEntity;
  @ApiProperty() entityId!: string;
  @ApiProperty({ example: 'update' }) action!: string;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'Changed fields: { field: { before, after } }',
    example: { fullName: { before: 'Hoàng Văn Thụ', after: 'Hoàng Văn Thu' } },
  })
  changes!: AuditChanges | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() createdAt!: Date;
}

export const toAuditEntryResponse = (a: AuditLog): AuditEntryResponse => ({
  id: a.id,
  actorId: a.actorId,
  actorUsername: a.actorUsername,
  entity: a.entity,
  entityId: a.entityId,
  action: a.action,
  changes: a.changes,
  reason: a.reason,
  createdAt: a.createdAt,
});
