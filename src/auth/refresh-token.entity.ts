import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/** One issued refresh token (by its jti). Rotation revokes it; presenting a revoked one revokes the family. */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index('IDX_refresh_tokens_user') @Column({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 36 }) familyId!: string;
  @Column({ type: 'datetime' }) expiresAt!: Date;
  @Column({ type: 'datetime', nullable: true }) revokedAt!: Date | null;
  @CreateDateColumn() createdAt!: Date;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId', foreignKeyConstraintName: 'FK_refresh_tokens_user' })
  user?: User;
}
