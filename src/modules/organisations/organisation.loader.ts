import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/context/request-context.js';
import { manyByKey, oneByKey } from '../../common/dataloader/loaders.js';
import { OrganisationsService } from './organisations.service.js';

/** Request-scoped batching of organisation look-ups: one query per relation per request, not per row. */
@Injectable()
export class OrganisationLoader {
  constructor(private readonly organisations: OrganisationsService) {}

  byId = (ctx: RequestContext) => oneByKey(ctx, 'organisation.byId', (ids: readonly string[]) => this.organisations.findByIds(ctx, ids), (o) => o.id);
  membershipsByNetwork = (ctx: RequestContext) =>
    manyByKey(ctx, 'organisation.membershipsByNetwork', (ids: readonly string[]) => this.organisations.membershipsOf(ctx, 'networkId', ids), (m) => m.networkId);
  membershipsByMember = (ctx: RequestContext) =>
    manyByKey(ctx, 'organisation.membershipsByMember', (ids: readonly string[]) => this.organisations.membershipsOf(ctx, 'memberId', ids), (m) => m.memberId);
}
