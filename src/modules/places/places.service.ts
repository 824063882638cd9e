import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { escapeLike } from '../../common/database/sql.js';
import { paginate, type Page } from '../../common/graphql/connection.js';
import type { PlacesArgs } from './dto/places.args.js';
import { PlaceEntity } from './place.entity.js';
import { lineage } from './place-code.js';
import { PlaceErrors } from './places.errors.js';

@Injectable()
export class PlacesService {
  constructor(@InjectRepository(PlaceEntity) private readonly places: Repository<PlaceEntity>) {}

  async get(code: string): Promise<PlaceEntity> {
    const place = await this.places.findOneBy({ code });
    if (!place) throw PlaceErrors.notFound(code);
    return place;
  }

  list(args: PlacesArgs): Promise<Page<PlaceEntity>> {
    const qb = this.places.createQueryBuilder('p');
    if (args.level) qb.andWhere('p.level = :level', { level: args.level });
    if (args.parentCode) qb.andWhere('p.parent_code = :parentCode', { parentCode: args.parentCode });
    if (args.search) qb.andWhere('p.name ILIKE :search', { search: `%${escapeLike(args.search)}%` });
    return paginate(qb, args, { column: 'p.code', id: 'p.code', direction: 'ASC', key: (p) => [p.code, p.code] }, (p) => p);
  }

  /** For DataLoaders: the places with these codes, in one query. */
  findByCodes(codes: readonly string[]): Promise<PlaceEntity[]> {
    return this.places.findBy({ code: In([...codes]) });
  }

  /** The place and every place above it, from the province down. */
  async ancestry(code: string): Promise<PlaceEntity[]> {
    const found = await this.findByCodes(lineage(code));
    return found.sort((a, b) => a.code.length - b.code.length);
  }

  /**
   * Throws BAD_USER_INPUT naming `field` when any code is not an official place. The official list never
   * changes while the service runs, so it is read once; checks then take no database connection, which
   * matters inside a transaction that already holds one (a second one from a busy pool could deadlock).
   */
  async assertExist(codes: readonly string[], field: string): Promise<void> {
    if (codes.length === 0) return;
    const known = await this.officialCodes();
    const missing = codes.find((c) => !known.has(c));
    if (missing) throw PlaceErrors.unknownCode(field, missing);
  }

  private codes?: Promise<Set<string>>;

  private officialCodes(): Promise<Set<string>> {
    this.codes ??= this.places
      .createQueryBuilder('p')
      .select('p.code', 'code')
      .getRawMany<{ code: string }>()
      .then((rows) => new Set(rows.map((r) => r.code)))
      .catch((err: unknown) => {
        this.codes = undefined;
        throw err;
      });
    return this.codes;
  }
}

