import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '../../common/context/request-context.js';
import type { NetworkMembershipEntity } from './network-membership.entity.js';
import type { OrganisationEntity } from './organisation.entity.js';
import { OrganisationsService } from './organisations.service.js';

/** Request-scoped batching of organisation look-ups: one query per relation per request, not per row. */
@Injectable()
export class OrganisationLoader {
  constructor(private readonly organisations: OrganisationsService) {}

  byId(ctx: RequestContext): DataLoader<string, OrganisationEntity | null> {
    return ctx.loader('organisation.byId', () => new DataLoader(async (ids: readonly string[]) => {
      const found = new Map((await this.organisations.findByIds(ids)).map((o) => [o.id, o]));
      return ids.map((id) => found.get(id) ?? null);
    }));
  }

  membershipsByNetwork(ctx: RequestContext): DataLoader<string, NetworkMembershipEntity[]> {
    return ctx.loader('organisation.membershipsByNetwork', () => this.memberships('networkId'));
  }

  membershipsByMember(ctx: RequestContext): DataLoader<string, NetworkMembershipEntity[]> {
    return ctx.loader('organisation.membershipsByMember', () => this.memberships('memberId'));
  }

  private memberships(column: 'networkId' | 'memberId') {
    return new DataLoader(async (ids: readonly string[]) => {
      const rows = await this.organisations.membershipsOf(column, ids);
      return ids.map((id) => rows.filter((m) => m[column] === id));
    });
  }
}
