import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Page, paginate } from '@lienket/http-common';
import { DataSource, Repository } from 'typeorm';
import { AuditService, diffForAudit } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { CreateProductDto } from './dto/create-product.dto';
import { ListProductsQuery } from './dto/list-products.query';
import { ProductResponse, toProductResponse } from './dto/product.response';
import { Product } from './product.entity';

@Injectable()
export class ProductsService {
  constructor(
    @InjectRepository(Product) private readonly products: Repository<Product>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(q: ListProductsQuery): Promise<Page<ProductResponse>> {
    const qb = this.products.createQueryBuilder('p');
    if (q.kind) qb.andWhere('p.kind = :kind', { kind: q.kind });
    return paginate(qb, q, toProductResponse, 'createdAt');
  }

  async findOne(code: string): Promise<ProductResponse> {
    const product = await this.products.findOneBy({ code });
    if (!product) throw new NotFoundException(`Product ${code} not found`);
    return toProductResponse(product);
  }

  create(actor: Actor, dto: CreateProductDto): Promise<ProductResponse> {
    const expectedUnit = dto.kind === 'livestock' ? 'head' : 'kg';
    if (dto.unit !== expectedUnit) {
      throw new UnprocessableEntityException(
        `A ${dto.kind} product is counted in ${expectedUnit}, not ${dto.unit}`,
      );
    }
    return this.dataSource.transaction(async (em) => {
      if (await em.existsBy(Product, { code: dto.code })) {
        throw new ConflictException(`Product ${dto.code} already exists`);
      }
      await em.insert(Product, {
        ...dto,
        offSeasonMonths: dto.offSeasonMonths ?? [],
        typicalYieldPerHa: dto.typicalYieldPerHa ?? null,
        notes: dto.notes ?? null,
      });
      const saved = toProductResponse(await em.findOneByOrFail(Product, { code: dto.code }));
      await this.audit.record(em, actor, {
        entity: 'product',
        entityId: saved.code,
        action: 'create',
        changes: diffForAudit(null, saved),
      });
      return saved;
    });
  }
}
