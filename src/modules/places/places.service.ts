import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { RequestContext } from '../../common/context/request-context.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { escapeLike } from '../../common/database/sql.js';
import { paginate, type Page } from '../../common/graphql/connection.js';
import type { PlacesArgs } from './dto/places.args.js';
import { PlaceEntity } from './place.entity.js';
import { PlaceErrors } from './places.errors.js';
import { rowsBy } from '../../common/database/entity-rows.js';

@Injectable()
export class PlacesService implements OnApplicationBootstrap {
  private codes = new Set<string>();

  constructor(private readonly uow: UnitOfWork) {}

  /**
   * The official list never changes while the service runs: it is read once at start-up, so checking codes takes
   * no connection (inside a write that already holds one, a second from a busy pool could deadlock).
   */
  async onApplicationBootstrap(): Promise<void> {
    const rows = await this.uow.manager(null).createQueryBuilder(PlaceEntity, 'p').select('p.code', 'code').getRawMany<{ code: string }>();
    this.codes = new Set(rows.map((r) => r.code));
  }

  async get(ctx: RequestContext, code: string): Promise<PlaceEntity> {
    const place = (await rowsBy(this.uow.manager(ctx), PlaceEntity, 'code', [code]))[0];
    if (!place) throw PlaceErrors.notFound(code);
    return place;
  }

  list(ctx: RequestContext, args: PlacesArgs): Promise<Page<PlaceEntity>> {
    const qb = this.uow.manager(ctx).createQueryBuilder(PlaceEntity, 'p');
    if (args.level) qb.andWhere('p.level = :level', { level: args.level });
    if (args.parentCode) qb.andWhere('p.parent_code = :parentCode', { parentCode: args.parentCode });
    if (args.search) qb.andWhere('p.name ILIKE :search', { search: `%${escapeLike(args.search)}%` });
    return paginate(qb, args, { column: 'p.code', id: 'p.code', direction: 'ASC', key: (p) => [p.code, p.code] }, (p) => p);
  }

  /** For DataLoaders: the places with these codes, in one query. */
  findByCodes(ctx: RequestContext, codes: readonly string[]): Promise<PlaceEntity[]> {
    return rowsBy(this.uow.manager(ctx), PlaceEntity, 'code', codes);
  }

  /** Throws BAD_USER_INPUT naming `field` when any code is not an official place. */
  assertExist(codes: readonly string[], field: string): void {
    const missing = codes.find((c) => !this.codes.has(c));
    if (missing) throw PlaceErrors.unknownCode(field, missing);
  }
}
