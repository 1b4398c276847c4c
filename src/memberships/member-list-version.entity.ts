import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How often a cooperative's membership list changed in a way its name search sees: a member joined,
 * left, moved to another household (merge), or a member household was renamed or moved commune.
 * Database triggers bump it in the same statement as the change (migration 1765324800000), whichever
 * code path makes it, so a count taken at version v is exact for as long as the version is still v.
 */
@Entity('cooperative_member_versions')
export class MemberListVersion {
  @PrimaryColumn({ type: 'varchar', length: 36 }) cooperativeId!: string;
  @Column({ type: 'bigint' }) version!: string;
}
