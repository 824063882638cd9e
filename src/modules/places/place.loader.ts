import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/context/request-context.js';
import { oneByKey } from '../../common/dataloader/loaders.js';
import type { PlaceEntity } from './place.entity.js';
import { PlacesService } from './places.service.js';

/** Batches place look-ups of one request into one query. */
@Injectable()
export class PlaceLoader {
  constructor(private readonly places: PlacesService) {}

  byCode = (ctx: RequestContext) => oneByKey(ctx, 'place.byCode', (codes: readonly string[]) => this.places.findByCodes(ctx, codes), (p) => p.code);

  /** The places with these codes, in their order, skipping any that is not (or no longer) official. */
  async many(ctx: RequestContext, codes: readonly string[]): Promise<PlaceEntity[]> {
    const found = await this.byCode(ctx).loadMany(codes);
    return found.filter((p): p is PlaceEntity => p !== null && !(p instanceof Error));
  }
}
