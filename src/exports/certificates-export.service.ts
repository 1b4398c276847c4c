import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { scopes } from '../auth/scopes';
import { ContractsService } from '../contracts/contracts.service';
import { Contract } from '../contracts/contract.entity';
import { ContractSourceResponse } from '../contracts/dto/contract.dto';
import { GrowingArea } from '../growing-areas/growing-area.entity';
import { GrowingAreasService } from '../growing-areas/growing-areas.service';
import { writeKeysetSheet } from './keyset-sheet';

const STATUS_VI: Record<string, string> = {
  pending: 'chờ cấp',
  active: 'hiệu lực',
  suspended: 'tạm dừng',
  revoked: 'thu hồi',
  draft: 'dự thảo',
  fulfilled: 'hoàn thành',
  cancelled: 'đã hủy',
  expired: 'hết hạn',
};

/** Growing-area codes and contracts as .xlsx, scoped like their lists (SPEC §5 imports row). */
@Injectable()
export class CertificatesExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly areas: GrowingAreasService,
    private readonly contracts: ContractsService,
  ) {}

  growingAreas(actor: Actor, out: Writable): Promise<void> {
    return writeKeysetSheet<GrowingArea>(out, {
      sheetName: 'Mã số vùng trồng',
      columns: [
        { header: 'Mã số', key: 'code' },
        { header: 'Loại', key: 'kind' },
        { header: 'Thị trường', key: 'markets' },
        { header: 'Sản phẩm', key: 'productCode' },
        { header: 'Diện tích (ha)', key: 'areaHa' },
        { header: 'Xã/phường', key: 'communeCode' },
        { header: 'Cơ quan cấp', key: 'issuer' },
        { header: 'Ngày cấp', key: 'issuedOn' },
        { header: 'Trạng thái', key: 'status' },
        { header: 'Kiểm tra gần nhất', key: 'lastInspectedOn' },
        { header: 'Kiểm tra tiếp theo', key: 'nextInspectionDue' },
      ],
      query: () => this.areas.scoped(actor),
      enrich: (page) => this.areas.marketsOf(page.map((g) => g.id)),
      toRow: (g, markets) => ({
        ...g,
        kind: g.kind === 'export' ? 'xuất khẩu' : 'nội địa',
        markets: ((markets as Map<string, string[]>).get(g.id) ?? []).join(', '),
        status: STATUS_VI[g.status],
      }),
    });
  }

  contractsSheet(actor: Actor, out: Writable): Promise<void> {
    return writeKeysetSheet<Contract>(out, {
      sheetName: 'Hợp đồng liên kết',
      columns: [
        { header: 'Mã hợp đồng', key: 'id' },
        { header: 'Doanh nghiệp', key: 'enterpriseId' },
        { header: 'HTX', key: 'cooperativeId' },
        { header: 'Hộ', key: 'householdId' },
        { header: 'Sản phẩm', key: 'productCode' },
        { header: 'Khối lượng', key: 'volume' },
        { header: 'Đơn vị', key: 'unit' },
        { header: 'Giá cố định (đ)', key: 'priceVndPerUnit' },
        { header: 'Giá sàn (đ)', key: 'floorPriceVndPerUnit' },
        { header: 'Giao từ', key: 'deliveryFrom' },
        { header: 'Giao đến', key: 'deliveryTo' },
        { header: 'Trạng thái', key: 'status' },
        { header: 'Vùng trồng có rủi ro', key: 'atRisk' },
      ],
      query: () => scopes.contracts(this.dataSource.createQueryBuilder(Contract, 'c'), actor),
      enrich: (page) =>
        this.contracts.sourcesOf(
          this.dataSource.manager,
          page.map((c) => c.id),
        ),
      toRow: (c, sources) => ({
        ...c,
        status: STATUS_VI[c.status],
        atRisk: ((sources as Map<string, ContractSourceResponse[]>).get(c.id) ?? []).some((s) => s.atRisk)
          ? 'có'
          : '',
      }),
    });
  }
}
