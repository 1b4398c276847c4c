import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { isMysql, varcharColumn } from '../migration-columns';

const KEYS = ['searchKey', 'givenNameKey', 'communeCode'] as const;
const COLUMNS = [
  varcharColumn('searchKey', 120, true),
  varcharColumn('givenNameKey', 40, true),
  varcharColumn('communeCode', 5, true),
];
const fromHousehold = (idColumn: string) =>
  KEYS.map((k) => `${k} = (SELECT h.${k} FROM households h WHERE h.id = ${idColumn})`).join(', ');

/**
 * Copies of each member household's name keys and commune on its membership rows, so a cooperative's
 * name search reads one index range of its own members instead of checking every commune-wide match
 * for membership. Triggers keep the copies: whichever code path inserts a membership, moves it to
 * another household (merge) or renames a household, the copies follow in the same statement.
 * On SQLite, TypeORM alters a table by re-creating it, which drops its triggers: a later migration
 * that alters households or cooperative_members must create these triggers again (the registry
 * e2e spec fails if a copy stops following).
 */
export class MemberSearchKeys1764892800000 implements MigrationInterface {
  name = 'MemberSearchKeys1764892800000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns(
      'cooperative_members',
      COLUMNS.map((c) => new TableColumn(c)),
    );
    await qr.query(`UPDATE cooperative_members SET ${fromHousehold('cooperative_members.householdId')}`);
    // activeHouseholdId last: only active memberships count, and ties on the name order by it.
    await qr.createIndices('cooperative_members', [
      new TableIndex({
        name: 'IDX_cooperative_members_search',
        columnNames: ['cooperativeId', 'searchKey', 'activeHouseholdId', 'communeCode', 'givenNameKey'],
      }),
      new TableIndex({
        name: 'IDX_cooperative_members_given_name',
        columnNames: ['cooperativeId', 'givenNameKey', 'searchKey', 'activeHouseholdId', 'communeCode'],
      }),
    ]);
    if (isMysql(qr)) {
      const set = KEYS.map(
        (k) => `NEW.${k} = (SELECT h.${k} FROM households h WHERE h.id = NEW.householdId)`,
      ).join(', ');
      await qr.query(`CREATE TRIGGER TRG_cooperative_members_keys_insert BEFORE INSERT ON cooperative_members
        FOR EACH ROW SET ${set}`);
      await qr.query(`CREATE TRIGGER TRG_cooperative_members_keys_move BEFORE UPDATE ON cooperative_members
        FOR EACH ROW BEGIN IF NOT (NEW.householdId <=> OLD.householdId) THEN SET ${set}; END IF; END`);
      await qr.query(`CREATE TRIGGER TRG_households_member_keys AFTER UPDATE ON households
        FOR EACH ROW UPDATE cooperative_members m
          SET m.searchKey = NEW.searchKey, m.givenNameKey = NEW.givenNameKey, m.communeCode = NEW.communeCode
          WHERE m.householdId = NEW.id
            AND NOT (m.searchKey <=> NEW.searchKey AND m.givenNameKey <=> NEW.givenNameKey
                     AND m.communeCode <=> NEW.communeCode)`);
    } else {
      await qr.query(`CREATE TRIGGER TRG_cooperative_members_keys_insert AFTER INSERT ON cooperative_members
        BEGIN UPDATE cooperative_members SET ${fromHousehold('NEW.householdId')} WHERE id = NEW.id; END`);
      await qr.query(`CREATE TRIGGER TRG_cooperative_members_keys_move AFTER UPDATE OF householdId ON cooperative_members
        BEGIN UPDATE cooperative_members SET ${fromHousehold('NEW.householdId')} WHERE id = NEW.id; END`);
      await qr.query(`CREATE TRIGGER TRG_households_member_keys AFTER UPDATE OF searchKey, givenNameKey, communeCode ON households
        BEGIN UPDATE cooperative_members
          SET searchKey = NEW.searchKey, givenNameKey = NEW.givenNameKey, communeCode = NEW.communeCode
          WHERE householdId = NEW.id; END`);
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const trigger of [
      'TRG_households_member_keys',
      'TRG_cooperative_members_keys_move',
      'TRG_cooperative_members_keys_insert',
    ])
      await qr.query(`DROP TRIGGER IF EXISTS ${trigger}`);
    await qr.dropIndex('cooperative_members', 'IDX_cooperative_members_given_name');
    await qr.dropIndex('cooperative_members', 'IDX_cooperative_members_search');
    await qr.dropColumns('cooperative_members', [...KEYS]);
  }
}
