import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
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

  /** Throws BAD_USER_INPUT naming `field` when any code is not an official place. */
  async assertExist(codes: readonly string[], field: string): Promise<void> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return;
    const found = new Set((await this.findByCodes(unique)).map((p) => p.code));
    const missing = unique.find((c) => !found.has(c));
    if (missing) throw PlaceErrors.unknownCode(field, missing);
  }
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
