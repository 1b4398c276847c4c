import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import {
  booleanColumn,
  createdAtColumn,
  dateColumn,
  datetimeColumn,
  decimalColumn,
  foreignKey,
  uuidColumn,
  uuidPrimaryColumn,
  varcharColumn,
  versionedColumns,
} from '../migration-columns';

/** The columns growing-area codes and packing facilities share (CertificateColumns). */
const certificateColumns = (qr: QueryRunner): TableColumnOptions[] => [
  varcharColumn('code', 32),
  varcharColumn('status', 10),
  varcharColumn('communeCode', 5),
  dateColumn('issuedOn'),
  dateColumn('lastInspectedOn', true),
  dateColumn('nextInspectionDue'),
  ...versionedColumns(qr),
];

/** Forecasts and harvests: a volume of a code's product at some dates. */
const volumeColumns = (qr: QueryRunner, dates: TableColumnOptions[]): TableColumnOptions[] => [
  uuidPrimaryColumn(),
  uuidColumn('growingAreaId'),
  varcharColumn('productCode', 40),
  ...dates,
  decimalColumn('volume'),
  uuidColumn('createdBy'),
  createdAtColumn(qr),
];

/** Growing-area codes and packing facilities: lifecycle, markets, plots, sources, inspections, forecasts, harvests, scans. */
export class Certification1764288000000 implements MigrationInterface {
  name = 'Certification1764288000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'growing_areas',
        columns: [
          uuidPrimaryColumn(),
          ...certificateColumns(qr),
          varcharColumn('kind', 10),
          varcharColumn('productCode', 40),
          decimalColumn('areaHa'),
          decimalColumn('plottedHa', { default: 0 }),
          uuidColumn('cooperativeId', true),
          { name: 'boundary', type: 'text', isNullable: true },
          decimalColumn('boundaryAreaHa', { nullable: true }),
          varcharColumn('issuer', 200),
          { ...varcharColumn('marketsKey', 160), default: "''" },
        ],
        indices: [
          { name: 'UQ_growing_areas_code', columnNames: ['code'], isUnique: true },
          { name: 'IDX_growing_areas_status_due', columnNames: ['status', 'nextInspectionDue'] },
          { name: 'IDX_growing_areas_due', columnNames: ['nextInspectionDue'] },
          { name: 'IDX_growing_areas_created', columnNames: ['createdAt'] },
          { name: 'IDX_growing_areas_status_created', columnNames: ['status', 'createdAt'] },
          { name: 'IDX_growing_areas_commune', columnNames: ['communeCode', 'status', 'createdAt'] },
          { name: 'IDX_growing_areas_product', columnNames: ['productCode', 'status', 'createdAt'] },
          { name: 'IDX_growing_areas_kind', columnNames: ['kind', 'status', 'createdAt'] },
          { name: 'IDX_growing_areas_kind_markets', columnNames: ['kind', 'status', 'marketsKey'] },
          { name: 'IDX_growing_areas_cooperative', columnNames: ['cooperativeId'] },
        ],
        foreignKeys: [
          foreignKey('FK_growing_areas_product', 'productCode', 'products', 'code'),
          foreignKey('FK_growing_areas_commune', 'communeCode', 'communes', 'code'),
          foreignKey('FK_growing_areas_cooperative', 'cooperativeId', 'cooperatives'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'growing_area_markets',
        columns: [
          { ...uuidColumn('growingAreaId'), isPrimary: true },
          { ...varcharColumn('market', 2), isPrimary: true },
        ],
        indices: [{ name: 'IDX_growing_area_markets_market', columnNames: ['market', 'growingAreaId'] }],
        foreignKeys: [foreignKey('FK_growing_area_markets_area', 'growingAreaId', 'growing_areas')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'plots',
        columns: [
          uuidPrimaryColumn(),
          uuidColumn('growingAreaId'),
          uuidColumn('householdId'),
          decimalColumn('areaHa'),
          createdAtColumn(qr),
        ],
        indices: [
          { name: 'UQ_plots_area_household', columnNames: ['growingAreaId', 'householdId'], isUnique: true },
          { name: 'IDX_plots_household', columnNames: ['householdId'] },
        ],
        foreignKeys: [
          foreignKey('FK_plots_growing_area', 'growingAreaId', 'growing_areas'),
          foreignKey('FK_plots_household', 'householdId', 'households'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'packing_facilities',
        columns: [
          uuidPrimaryColumn(),
          ...certificateColumns(qr),
          varcharColumn('name', 200),
          varcharColumn('kind', 10),
          uuidColumn('operatorCooperativeId', true),
          uuidColumn('operatorEnterpriseId', true),
          decimalColumn('capacityTonnesPerDay'),
        ],
        indices: [
          { name: 'UQ_packing_facilities_code', columnNames: ['code'], isUnique: true },
          { name: 'IDX_packing_facilities_status_due', columnNames: ['status', 'nextInspectionDue'] },
          { name: 'IDX_packing_facilities_due', columnNames: ['nextInspectionDue'] },
          { name: 'IDX_packing_facilities_created', columnNames: ['createdAt'] },
          { name: 'IDX_packing_facilities_status_created', columnNames: ['status', 'createdAt'] },
          { name: 'IDX_packing_facilities_commune', columnNames: ['communeCode', 'status', 'createdAt'] },
          { name: 'IDX_packing_facilities_kind', columnNames: ['kind', 'status', 'createdAt'] },
          { name: 'IDX_packing_facilities_cooperative', columnNames: ['operatorCooperativeId'] },
          { name: 'IDX_packing_facilities_enterprise', columnNames: ['operatorEnterpriseId'] },
        ],
        foreignKeys: [
          foreignKey('FK_packing_facilities_commune', 'communeCode', 'communes', 'code'),
          foreignKey('FK_packing_facilities_cooperative', 'operatorCooperativeId', 'cooperatives'),
          foreignKey('FK_packing_facilities_enterprise', 'operatorEnterpriseId', 'enterprises'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'packing_facility_products',
        columns: [
          { ...uuidColumn('packingFacilityId'), isPrimary: true },
          { ...varcharColumn('productCode', 40), isPrimary: true },
        ],
        indices: [
          {
            name: 'IDX_packing_facility_products_product',
            columnNames: ['productCode', 'packingFacilityId'],
          },
        ],
        foreignKeys: [
          foreignKey('FK_packing_facility_products_facility', 'packingFacilityId', 'packing_facilities'),
          foreignKey('FK_packing_facility_products_product', 'productCode', 'products', 'code'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'packing_facility_markets',
        columns: [
          { ...uuidColumn('packingFacilityId'), isPrimary: true },
          { ...varcharColumn('market', 2), isPrimary: true },
        ],
        indices: [
          { name: 'IDX_packing_facility_markets_market', columnNames: ['market', 'packingFacilityId'] },
        ],
        foreignKeys: [
          foreignKey('FK_packing_facility_markets_facility', 'packingFacilityId', 'packing_facilities'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'packing_facility_sources',
        columns: [
          { ...uuidColumn('packingFacilityId'), isPrimary: true },
          { ...uuidColumn('growingAreaId'), isPrimary: true },
          datetimeColumn('atRiskSince', true),
          varcharColumn('atRiskReason', 600, true),
          createdAtColumn(qr),
        ],
        indices: [
          { name: 'IDX_packing_facility_sources_area', columnNames: ['growingAreaId'] },
          { name: 'IDX_packing_facility_sources_at_risk', columnNames: ['packingFacilityId', 'atRiskSince'] },
        ],
        foreignKeys: [
          foreignKey('FK_packing_facility_sources_facility', 'packingFacilityId', 'packing_facilities'),
          foreignKey('FK_packing_facility_sources_area', 'growingAreaId', 'growing_areas'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'inspections',
        columns: [
          uuidPrimaryColumn(),
          varcharColumn('subjectType', 20),
          uuidColumn('subjectId'),
          dateColumn('inspectedOn'),
          varcharColumn('inspector', 120),
          varcharColumn('result', 8),
          { name: 'findings', type: 'text', isNullable: true },
          { ...booleanColumn(qr, 'residueTestPassed'), isNullable: true },
          { ...booleanColumn(qr, 'diaryKept'), isNullable: true },
          uuidColumn('recordedBy'),
          createdAtColumn(qr),
        ],
        indices: [
          { name: 'IDX_inspections_subject', columnNames: ['subjectType', 'subjectId', 'inspectedOn'] },
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'forecasts',
        columns: [...volumeColumns(qr, [dateColumn('periodStart'), dateColumn('periodEnd')])],
        indices: [
          { name: 'IDX_forecasts_area_period', columnNames: ['growingAreaId', 'periodStart'] },
          { name: 'IDX_forecasts_product_period', columnNames: ['productCode', 'periodStart', 'periodEnd'] },
        ],
        foreignKeys: [foreignKey('FK_forecasts_growing_area', 'growingAreaId', 'growing_areas')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'harvests',
        columns: volumeColumns(qr, [dateColumn('harvestedOn')]),
        indices: [{ name: 'IDX_harvests_area_date', columnNames: ['growingAreaId', 'harvestedOn'] }],
        foreignKeys: [foreignKey('FK_harvests_growing_area', 'growingAreaId', 'growing_areas')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'scan_marks',
        columns: [
          { ...varcharColumn('scan', 40), isPrimary: true },
          { ...uuidColumn('subjectId'), isPrimary: true },
          { ...varcharColumn('period', 20), isPrimary: true },
          uuidColumn('runId'),
          createdAtColumn(qr),
        ],
        indices: [{ name: 'IDX_scan_marks_run', columnNames: ['runId'] }],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of [
      'scan_marks',
      'harvests',
      'forecasts',
      'inspections',
      'packing_facility_sources',
      'packing_facility_markets',
      'packing_facility_products',
      'packing_facilities',
      'plots',
      'growing_area_markets',
      'growing_areas',
    ]) {
      await qr.dropTable(table);
    }
  }
}
