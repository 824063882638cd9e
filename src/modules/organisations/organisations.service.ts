import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/context/request-context.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { paginate, type Page } from '../../common/graphql/connection.js';
import { revive } from '../../common/time/as-of.js';
import { AuditService } from '../audit/audit.service.js';
import { insidePlace } from '../places/place-code.js';
import { escapeLike } from '../../common/database/sql.js';
import { PlacesService } from '../places/places.service.js';
import type { AddNetworkMemberInput } from './dto/add-network-member.input.js';
import type { ArchiveOrganisationInput } from './dto/archive-organisation.input.js';
import type { CreateOrganisationInput } from './dto/create-organisation.input.js';
import type { EndNetworkMembershipInput } from './dto/end-network-membership.input.js';
import type { OrganisationsArgs } from './dto/organisations.args.js';
import type { UpdateOrganisationInput } from './dto/update-organisation.input.js';
import { NetworkMembershipEntity } from './network-membership.entity.js';
import { OrganisationEntity, OrganisationKind } from './organisation.entity.js';
import { OrganisationErrors } from './organisations.errors.js';
import { OrganisationStatus } from './organisation.type.js';
import { rowsBy } from '../../common/database/entity-rows.js';

const ENTITY = 'Organisation';
const MEMBERSHIP = 'NetworkMembership';
const VERSION_ERRORS = { notFound: OrganisationErrors.notFound, stale: OrganisationErrors.staleVersion };

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly places: PlacesService,
    private readonly audit: AuditService,
  ) {}

  async get(ctx: RequestContext, id: string): Promise<OrganisationEntity> {
    const org = (await rowsBy(this.uow.manager(ctx), OrganisationEntity, 'id', [id]))[0];
    if (!org) throw OrganisationErrors.notFound(id);
    return org;
  }

  /** The organisation exactly as it stood at a moment, from its history; NOT_FOUND before it was registered. */
  async getAsOf(ctx: RequestContext, id: string, at: Date): Promise<OrganisationEntity> {
    const state = await this.audit.stateAt(ctx, ENTITY, id, at, { public: true });
    if (!state) throw OrganisationErrors.notFound(id);
    return revive(state, ['createdAt', 'updatedAt', 'archivedAt']) as unknown as OrganisationEntity;
  }

  findByIds(ctx: RequestContext, ids: readonly string[]): Promise<OrganisationEntity[]> {
    return rowsBy(this.uow.manager(ctx), OrganisationEntity, 'id', ids);
  }

  list(ctx: RequestContext, args: OrganisationsArgs): Promise<Page<OrganisationEntity>> {
    const f = args.filter ?? {};
    const qb = this.uow.manager(ctx).createQueryBuilder(OrganisationEntity, 'o');
    const status = f.status ?? OrganisationStatus.ACTIVE;
    qb.where(status === OrganisationStatus.ACTIVE ? 'o.archived_at IS NULL' : 'o.archived_at IS NOT NULL');
    if (f.kinds?.length) qb.andWhere('o.kind IN (:...kinds)', { kinds: f.kinds });
    if (f.placeCode) qb.andWhere(insidePlace('o.place_code', 'placeCode'), { placeCode: f.placeCode });
    if (f.search) {
      qb.andWhere('(o.name ILIKE :search OR o.short_name ILIKE :search)', { search: `%${escapeLike(f.search)}%` });
    }
    if (f.networkId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM network_membership m WHERE m.member_id = o.id AND m.network_id = :networkId
           AND m.left_on IS NULL)`,
        { networkId: f.networkId },
      );
    }
    return paginate(qb, args, { column: 'o.name', id: 'o.id', direction: 'ASC', key: (o) => [o.name, o.id] }, (o) => o);
  }

  /** Current and past memberships of the given networks (or of the given members), for DataLoaders. */
  membershipsOf(ctx: RequestContext, column: 'networkId' | 'memberId', ids: readonly string[]): Promise<NetworkMembershipEntity[]> {
    return rowsBy(this.uow.manager(ctx), NetworkMembershipEntity, column, ids, { joinedOn: 'ASC', id: 'ASC' });
  }

  /** Throws BAD_USER_INPUT naming `field` when the organisation is unknown or archived. */
  async assertActive(ctx: RequestContext, ids: readonly string[], field: (index: number) => string): Promise<OrganisationEntity[]> {
    const found = await this.findByIds(ctx, ids);
    const byId = new Map(found.map((o) => [o.id, o]));
    return ids.map((id, i) => {
      const org = byId.get(id);
      if (!org) throw OrganisationErrors.notFound(id);
      if (org.archivedAt) throw OrganisationErrors.archived(field(i));
      return org;
    });
  }

  create(ctx: RequestContext, input: CreateOrganisationInput): Promise<OrganisationEntity> {
    return this.write(ctx, async (ctx) => {
      const em = this.uow.manager(ctx);
      await this.checkReferences(ctx, input);
      await this.assertNameFree(ctx, input.name, input.placeCode ?? null);
      const org = em.create(OrganisationEntity, {
        kind: input.kind,
        name: input.name.trim(),
        shortName: input.shortName ?? null,
        parentId: input.parentId ?? null,
        placeCode: input.placeCode ?? null,
        address: input.address ?? null,
        contacts: input.contacts ?? [],
        archivedAt: null,
        version: 1,
      });
      await em.save(org);
      await this.recordOrganisation(ctx, 'ORGANISATION_CREATED', null, org);
      return org;
    });
  }

  update(ctx: RequestContext, input: UpdateOrganisationInput): Promise<OrganisationEntity> {
    return this.write(ctx, async (ctx) => {
      const org = await this.uow.changeVersioned(ctx, OrganisationEntity, input.id, input.version, VERSION_ERRORS);
      if (org.archivedAt) throw OrganisationErrors.archived('input.id');
      const before = { ...org };
      const { id: _id, version: _version, ...changes } = input;
      await this.checkReferences(ctx, changes);
      if (changes.parentId) await this.assertNotOwnAncestor(ctx, org.id, changes.parentId);
      const next: OrganisationEntity = Object.assign(org, stripUndefined(changes));
      if (next.name !== before.name || next.placeCode !== before.placeCode) {
        await this.assertNameFree(ctx, next.name, next.placeCode, org.id);
      }
      await this.uow.manager(ctx).save(next);
      await this.recordOrganisation(ctx, 'ORGANISATION_UPDATED', before, next);
      return next;
    });
  }

  archive(ctx: RequestContext, input: ArchiveOrganisationInput): Promise<OrganisationEntity> {
    return this.write(ctx, async (ctx) => {
      const org = await this.uow.changeVersioned(ctx, OrganisationEntity, input.id, input.version, VERSION_ERRORS);
      if (org.archivedAt) throw OrganisationErrors.alreadyArchived();
      const before = { ...org };
      org.archivedAt = new Date();
      await this.uow.manager(ctx).save(org);
      await this.recordOrganisation(ctx, 'ORGANISATION_ARCHIVED', before, org, input.reason);
      return org;
    });
  }

  addNetworkMember(ctx: RequestContext, input: AddNetworkMemberInput): Promise<NetworkMembershipEntity> {
    return this.write(ctx, async (ctx) => {
      const em = this.uow.manager(ctx);
      // Locking the network row makes concurrent additions to the same network take turns.
      const network = await this.uow.lock(ctx, OrganisationEntity, input.networkId, OrganisationErrors.notFound);
      if (network.kind !== OrganisationKind.NETWORK) throw OrganisationErrors.notANetwork();
      if (network.archivedAt) throw OrganisationErrors.archived('input.networkId');
      if (input.memberId === input.networkId) throw OrganisationErrors.ownMember();
      await this.assertActive(ctx, [input.memberId], () => 'input.memberId');
      const overlapping = await em
        .createQueryBuilder(NetworkMembershipEntity, 'm')
        .where('m.network_id = :networkId AND m.member_id = :memberId', input)
        .andWhere('(m.left_on IS NULL OR m.left_on >= :joinedOn)', input)
        .getExists();
      if (overlapping) throw OrganisationErrors.alreadyMember();
      const membership = em.create(NetworkMembershipEntity, {
        networkId: input.networkId,
        memberId: input.memberId,
        joinedOn: input.joinedOn,
        leftOn: null,
      });
      await em.save(membership);
      await this.uow.record(ctx, {
        action: 'NETWORK_MEMBER_ADDED',
        entityType: MEMBERSHIP,
        entityId: membership.id,
        before: null,
        after: membership,
        organisationIds: [input.networkId, input.memberId],
      });
      return membership;
    });
  }

  endNetworkMembership(ctx: RequestContext, input: EndNetworkMembershipInput): Promise<NetworkMembershipEntity> {
    return this.write(ctx, async (ctx) => {
      const membership = await this.uow.lock(ctx, NetworkMembershipEntity, input.membershipId, OrganisationErrors.membershipNotFound);
      if (membership.leftOn) throw OrganisationErrors.membershipEnded();
      if (input.leftOn < membership.joinedOn) throw OrganisationErrors.endBeforeStart('input.leftOn');
      const before = { ...membership };
      membership.leftOn = input.leftOn;
      await this.uow.manager(ctx).save(membership);
      await this.uow.record(ctx, {
        action: 'NETWORK_MEMBERSHIP_ENDED',
        entityType: MEMBERSHIP,
        entityId: membership.id,
        before,
        after: membership,
        reason: input.reason,
        organisationIds: [membership.networkId, membership.memberId],
      });
      return membership;
    });
  }

  private recordOrganisation(
    ctx: RequestContext,
    action: string,
    before: OrganisationEntity | null,
    after: OrganisationEntity,
    reason?: string,
  ) {
    return this.uow.record(ctx, { action, entityType: ENTITY, entityId: after.id, before, after, reason, organisationIds: [after.id] });
  }

  /** One transaction per write; a unique-index race surfaces as CONFLICT, not as a driver error. */
  private write<T>(ctx: RequestContext, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    return this.uow.write(ctx, work, {
      uq_organisation_active_name_place: OrganisationErrors.duplicateName,
      uq_network_membership_open: OrganisationErrors.alreadyMember,
    });
  }

  private async checkReferences(ctx: RequestContext, input: { placeCode?: string | null; parentId?: string | null }) {
    if (input.placeCode) this.places.assertExist([input.placeCode], 'input.placeCode');
    if (input.parentId) await this.assertActive(ctx, [input.parentId], () => 'input.parentId');
  }

  private async assertNameFree(ctx: RequestContext, name: string, placeCode: string | null, exceptId?: string) {
    const taken = await this.uow
      .manager(ctx)
      .createQueryBuilder(OrganisationEntity, 'o')
      .where('lower(o.name) = lower(:name)', { name: name.trim() })
      .andWhere("coalesce(o.place_code, '') = coalesce(:placeCode, '')", { placeCode })
      .andWhere('o.archived_at IS NULL')
      .andWhere(exceptId ? 'o.id <> :exceptId' : 'TRUE', { exceptId })
      .getExists();
    if (taken) throw OrganisationErrors.duplicateName();
  }

  /** Walks up from the proposed parent; meeting the organisation itself would close a cycle. */
  private async assertNotOwnAncestor(ctx: RequestContext, id: string, parentId: string) {
    const [row] = (await this.uow.manager(ctx).query(
      `WITH RECURSIVE up(id, parent_id, depth) AS (
         SELECT id, parent_id, 1 FROM organisation WHERE id = $1
         UNION ALL
         SELECT o.id, o.parent_id, up.depth + 1 FROM organisation o JOIN up ON o.id = up.parent_id WHERE up.depth < 100
       )
       SELECT EXISTS (SELECT 1 FROM up WHERE id = $2) AS cycle`,
      [parentId, id],
    )) as { cycle: boolean }[];
    if (row?.cycle) throw OrganisationErrors.ownAncestor();
  }
}

const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
