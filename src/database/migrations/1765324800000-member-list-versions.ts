import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { isMysql, uuidColumn } from '../migration-columns';

/** The membership columns a cooperative's name search reads (MemberNameQuery). */
const SEARCHED = ['cooperativeId', 'activeHouseholdId', 'searchKey', 'givenNameKey', 'communeCode'];

/**
 * A version per cooperative, bumped by triggers whenever one of its memberships changes what the name
 * search sees, so the search can keep its counts until then (MemberCountCache). In the changing
 * statement itself, like the key copies of migration 1764892800000: no code path can forget it.
 * Concurrent writers of one cooperative's memberships queue on its version row until they commit.
 */
export class MemberListVersions1765324800000 implements MigrationInterface {
  name = 'MemberListVersions1765324800000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'cooperative_member_versions',
        columns: [
          { ...uuidColumn('cooperativeId'), isPrimary: true },
          { name: 'version', type: 'bigint', isNullable: false },
        ],
      }),
    );
    const changed = SEARCHED.map((c) => `NEW.${c} <=> OLD.${c}`).join(' AND ');
    if (isMysql(qr)) {
      const bump = (cooperative: string) =>
        `INSERT INTO cooperative_member_versions (cooperativeId, version) VALUES (${cooperative}, 1)
          ON DUPLICATE KEY UPDATE version = version + 1`;
      await qr.query(`CREATE TRIGGER TRG_cooperative_members_version_insert AFTER INSERT ON cooperative_members
        FOR EACH ROW ${bump('NEW.cooperativeId')}`);
      await qr.query(`CREATE TRIGGER TRG_cooperative_members_version_update AFTER UPDATE ON cooperative_members
        FOR EACH ROW BEGIN
          IF NOT (${changed}) THEN ${bump('NEW.cooperativeId')}; END IF;
          IF NOT (NEW.cooperativeId <=> OLD.cooperativeId) THEN ${bump('OLD.cooperativeId')}; END IF;
        END`);
      await qr.query(`CREATE TRIGGER TRG_cooperative_members_version_delete AFTER DELETE ON cooperative_members
        FOR EACH ROW ${bump('OLD.cooperativeId')}`);
    } else {
      const bump = (cooperative: string, when = '') =>
        `INSERT INTO cooperative_member_versions (cooperativeId, version) SELECT ${cooperative}, 1 WHERE ${when || 'true'}
          ON CONFLICT (cooperativeId) DO UPDATE SET version = version + 1;`;
      await qr.query(`CREATE TRIGGER TRG_cooperative_members_version_insert AFTER INSERT ON cooperative_members
        BEGIN ${bump('NEW.cooperativeId')} END`);
      await qr.query(`CREATE TRIGGER TRG_cooperative_members_version_update AFTER UPDATE OF ${SEARCHED.join(', ')}
        ON cooperative_members WHEN NOT (${changed.replace(/<=>/g, 'IS')})
        BEGIN ${bump('NEW.cooperativeId')} ${bump('OLD.cooperativeId', 'NEW.cooperativeId IS NOT OLD.cooperativeId')} END`);
      await qr.query(`CREATE TRIGGER TRG_cooperative_members_version_delete AFTER DELETE ON cooperative_members
        BEGIN ${bump('OLD.cooperativeId')} END`);
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete'])
      await qr.query(`DROP TRIGGER IF EXISTS TRG_cooperative_members_version_${event}`);
    await qr.dropTable('cooperative_member_versions');
  }
}
