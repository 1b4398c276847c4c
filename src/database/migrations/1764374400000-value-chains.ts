import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import {
  createdAtColumn,
  datetimeColumn,
  dateColumn,
  decimalColumn,
  foreignKey,
  integerColumn,
  uuidColumn,
  uuidPrimaryColumn,
  varcharColumn,
  versionedColumns,
} from '../migration-columns';

const vndColumn = (name: string, withDefault = false): TableColumnOptions => ({
  name,
  type: 'bigint',
  isNullable: false,
  ...(withDefault ? { default: 0 } : {}),
});

/** Value-chain models (partners, communes, budget lines, households, disbursements) and linkage contracts. */
export class ValueChains1764374400000 implements MigrationInterface {
  name = 'ValueChains1764374400000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'value_chains',
        columns: [
          uuidPrimaryColumn(),
          varcharColumn('name', 200),
          varcharColumn('searchKey', 200),
          varcharColumn('productCode', 40),
          varcharColumn('programme', 12),
          uuidColumn('leadCooperativeId', true),
          uuidColumn('leadEnterpriseId', true),
          dateColumn('startsOn'),
          dateColumn('endsOn'),
          varcharColumn('decisionNumber', 60, true),
          dateColumn('decisionDate', true),
          varcharColumn('status', 12),
          ...versionedColumns(qr),
        ],
        indices: [
          { name: 'IDX_value_chains_status', columnNames: ['status', 'startsOn'] },
          { name: 'IDX_value_chains_product', columnNames: ['productCode', 'status'] },
          { name: 'IDX_value_chains_programme', columnNames: ['programme', 'startsOn'] },
          { name: 'IDX_value_chains_lead_cooperative', columnNames: ['leadCooperativeId'] },
          { name: 'IDX_value_chains_lead_enterprise', columnNames: ['leadEnterpriseId'] },
          { name: 'IDX_value_chains_search', columnNames: ['searchKey'] },
        ],
        foreignKeys: [
          foreignKey('FK_value_chains_product', 'productCode', 'products', 'code'),
          foreignKey('FK_value_chains_lead_cooperative', 'leadCooperativeId', 'cooperatives'),
          foreignKey('FK_value_chains_lead_enterprise', 'leadEnterpriseId', 'enterprises'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'value_chain_partners',
        columns: [
          { ...uuidColumn('valueChainId'), isPrimary: true },
          { ...varcharColumn('partnerType', 12), isPrimary: true },
          { ...uuidColumn('partnerId'), isPrimary: true },
        ],
        indices: [{ name: 'IDX_value_chain_partners_partner', columnNames: ['partnerType', 'partnerId'] }],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'value_chain_communes',
        columns: [
          { ...uuidColumn('valueChainId'), isPrimary: true },
          { ...varcharColumn('communeCode', 5), isPrimary: true },
        ],
        indices: [{ name: 'IDX_value_chain_communes_commune', columnNames: ['communeCode'] }],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'value_chain_budgets',
        columns: [
          { ...uuidColumn('valueChainId'), isPrimary: true },
          { ...varcharColumn('source', 12), isPrimary: true },
          { ...varcharColumn('capitalType', 12), isPrimary: true },
          vndColumn('amountVnd'),
          vndColumn('disbursedVnd', true),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'value_chain_households',
        columns: [
          { ...uuidColumn('valueChainId'), isPrimary: true },
          { ...uuidColumn('householdId'), isPrimary: true },
          decimalColumn('areaHa', { nullable: true }),
          integerColumn('heads', true),
          dateColumn('joinedOn'),
          varcharColumn('overrideReason', 500, true),
          createdAtColumn(qr),
        ],
        indices: [{ name: 'IDX_value_chain_households_household', columnNames: ['householdId'] }],
        foreignKeys: [foreignKey('FK_value_chain_households_household', 'householdId', 'households')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'disbursements',
        columns: [
          uuidPrimaryColumn(),
          uuidColumn('valueChainId'),
          varcharColumn('source', 12),
          varcharColumn('capitalType', 12, true),
          vndColumn('amountVnd'),
          dateColumn('paidOn'),
          varcharColumn('voucher', 120, true),
          uuidColumn('createdBy'),
          createdAtColumn(qr),
        ],
        indices: [
          { name: 'IDX_disbursements_chain_paid', columnNames: ['valueChainId', 'paidOn'] },
          { name: 'IDX_disbursements_paid', columnNames: ['paidOn'] },
        ],
        foreignKeys: [foreignKey('FK_disbursements_value_chain', 'valueChainId', 'value_chains')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'contracts',
        columns: [
          uuidPrimaryColumn(),
          uuidColumn('enterpriseId'),
          uuidColumn('cooperativeId', true),
          uuidColumn('householdId', true),
          uuidColumn('valueChainId', true),
          varcharColumn('productCode', 40),
          decimalColumn('volume'),
          varcharColumn('unit', 8),
          { ...vndColumn('priceVndPerUnit'), isNullable: true },
          { ...vndColumn('floorPriceVndPerUnit'), isNullable: true },
          varcharColumn('marketReference', 200, true),
          dateColumn('deliveryFrom'),
          dateColumn('deliveryTo'),
          varcharColumn('status', 10),
          ...versionedColumns(qr),
        ],
        indices: [
          { name: 'IDX_contracts_enterprise', columnNames: ['enterpriseId', 'status'] },
          { name: 'IDX_contracts_cooperative', columnNames: ['cooperativeId', 'status'] },
          { name: 'IDX_contracts_household', columnNames: ['householdId'] },
          { name: 'IDX_contracts_product_window', columnNames: ['productCode', 'status', 'deliveryFrom'] },
          { name: 'IDX_contracts_status_to', columnNames: ['status', 'deliveryTo'] },
        ],
        foreignKeys: [
          foreignKey('FK_contracts_enterprise', 'enterpriseId', 'enterprises'),
          foreignKey('FK_contracts_cooperative', 'cooperativeId', 'cooperatives'),
          foreignKey('FK_contracts_product', 'productCode', 'products', 'code'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'contract_sources',
        columns: [
          { ...uuidColumn('contractId'), isPrimary: true },
          { ...uuidColumn('growingAreaId'), isPrimary: true },
          decimalColumn('committedVolume', { default: 0 }),
          datetimeColumn('atRiskSince', true),
          varcharColumn('atRiskReason', 600, true),
        ],
        indices: [{ name: 'IDX_contract_sources_area', columnNames: ['growingAreaId'] }],
        foreignKeys: [
          foreignKey('FK_contract_sources_contract', 'contractId', 'contracts'),
          foreignKey('FK_contract_sources_area', 'growingAreaId', 'growing_areas'),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of [
      'contract_sources',
      'contracts',
      'disbursements',
      'value_chain_households',
      'value_chain_budgets',
      'value_chain_communes',
      'value_chain_partners',
      'value_chains',
    ]) {
      await qr.dropTable(table);
    }
  }
}
