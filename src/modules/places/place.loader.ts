import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '../../common/context/request-context.js';
import type { PlaceEntity } from './place.entity.js';
import { PlacesService } from './places.service.js';

/** Batches place look-ups of one request into one query. */
@Injectable()
export class PlaceLoader {
  constructor(private readonly places: PlacesService) {}

  byCode(ctx: RequestContext): DataLoader<string, PlaceEntity | null> {
    return ctx.loader('place.byCode', () => new DataLoader(async (codes: readonly string[]) => {
      const found = new Map((await this.places.findByCodes(codes)).map((p) => [p.code, p]));
      return codes.map((c) => found.get(c) ?? null);
    }));
  }

  /** The places with these codes, in their order, skipping any that is not (or no longer) official. */
  async many(ctx: RequestContext, codes: readonly string[]): Promise<PlaceEntity[]> {
    const found = await this.byCode(ctx).loadMany(codes);
    return found.filter((p): p is PlaceEntity => p !== null && !(p instanceof Error));
  }
}
