import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Ethnicity } from './ethnicity.entity';

/** The 54 names are reference data fixed by migration and seed: read once, then served from memory. */
@Injectable()
export class EthnicityNamesService {
  private names?: Promise<ReadonlyMap<string, string>>;

  constructor(@InjectRepository(Ethnicity) private readonly ethnicities: Repository<Ethnicity>) {}

  all(): Promise<ReadonlyMap<string, string>> {
    this.names ??= this.ethnicities.find().then((rows) => {
      if (rows.length === 0) this.names = undefined; // not seeded yet: ask again next time
      return new Map(rows.map((e) => [e.code, e.name]));
    });
    return this.names;
  }
}
