import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Page, paginate } from '@lienket/http-common';
import { foldVietnamese, toSearchPrefix } from '@lienket/vn-identity';
import { Repository } from 'typeorm';
import { Commune } from './commune.entity';
import { CommuneResponse, toCommuneResponse } from './dto/commune.response';
import { ListCommunesQuery } from './dto/list-communes.query';

@Injectable()
export class CommunesService {
  constructor(@InjectRepository(Commune) private readonly communes: Repository<Commune>) {}

  /** Matches the start of any word of the name or of the units merged into it ("cao lau" finds Ba Sơn). */
  list(q: ListCommunesQuery): Promise<Page<CommuneResponse>> {
    const qb = this.communes.createQueryBuilder('c');
    if (q.search && foldVietnamese(q.search)) {
      const prefix = toSearchPrefix(q.search);
      qb.andWhere("(c.searchKey LIKE :prefix ESCAPE '!' OR c.searchKey LIKE :word ESCAPE '!')", {
        prefix,
        word: `% ${prefix}`,
      });
    }
    if (q.type) qb.andWhere('c.type = :type', { type: q.type });
    return paginate(qb, q, toCommuneResponse, 'name');
  }

  async findOne(code: string): Promise<CommuneResponse> {
    const commune = await this.communes.findOneBy({ code });
    if (!commune) throw new NotFoundException(`Commune ${code} not found`);
    return toCommuneResponse(commune);
  }
}
