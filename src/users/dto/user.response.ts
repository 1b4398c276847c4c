import { ApiProperty } from '@nestjs/swagger';
import { ROLES, Role } from '../../auth/role';
import { User } from '../user.entity';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'htx.nacaikinh' }) username!: string;
  @ApiProperty({ example: 'Hoàng Thị Lan' }) fullName!: string;
  @ApiProperty({ nullable: true, type: String, example: 'lan.hoang@htx-nacaikinh.vn' }) email!: string | null;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) cooperativeId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) enterpriseId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '06196' }) communeCode!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: Date }) lastLoginAt!: Date | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export const toUserResponse = (u: User): UserResponse => ({
  id: u.id,
  username: u.username,
  fullName: u.fullName,
  email: u.email,
  role: u.role,
  cooperativeId: u.cooperativeId,
  enterpriseId: u.enterpriseId,
  communeCode: u.communeCode,
  active: u.active,
  lastLoginAt: u.lastLoginAt,
  version: u.version,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
});
