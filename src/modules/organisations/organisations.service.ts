import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { RequestContext } from '../../common/context/request-context.js';
import { isUniqueViolation } from '../../common/errors/database-errors.js';
import { paginate, type Page } from '../../common/graphql/connection.js';
import { HistoryService } from '../../common/history/history.service.js';
import { insidePlace } from '../places/place-code.js';
import { PlacesService, escapeLike } from '../places/places.service.js';
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

const ENTITY = 'Organisation';
const MEMBERSHIP = 'NetworkMembership';

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly places: PlacesService,
    private readonly history: HistoryService,
  ) {}

  async get(id: string): Promise<OrganisationEntity> {
    const org = await this.db.getRepository(OrganisationEntity).findOneBy({ id });
    if (!org) throw OrganisationErrors.notFound(id);
    return org;
  }

  findByIds(ids: readonly string[]): Promise<OrganisationEntity[]> {
    return this.db.getRepository(OrganisationEntity).findBy({ id: In([...ids]) });
  }

  list(args: OrganisationsArgs): Promise<Page<OrganisationEntity>> {
    const f = args.filter ?? {};
    const qb = this.db.getRepository(OrganisationEntity).createQueryBuilder('o');
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
  membershipsOf(column: 'networkId' | 'memberId', ids: readonly string[]): Promise<NetworkMembershipEntity[]> {
    return this.db
      .getRepository(NetworkMembershipEntity)
      .find({ where: { [column]: In([...ids]) }, order: { joinedOn: 'ASC', id: 'ASC' } });
  }

  /** Throws BAD_USER_INPUT naming `field` when the organisation is unknown or archived. */
  async assertActive(ids: readonly string[], field: (index: number) => string, manager?: EntityManager): Promise<OrganisationEntity[]> {
    const found = await (manager ?? this.db.manager).findBy(OrganisationEntity, { id: In([...ids]) });
    const byId = new Map(found.map((o) => [o.id, o]));
    return ids.map((id, i) => {
      const org = byId.get(id);
      if (!org) throw OrganisationErrors.notFound(id);
      if (org.archivedAt) throw OrganisationErrors.archived(field(i));
      return org;
    });
  }

  create(ctx: RequestContext, input: CreateOrganisationInput): Promise<OrganisationEntity> {
    return this.write(async (em) => {
      await this.checkReferences(em, input);
      await this.assertNameFree(em, input.name, input.placeCode ?? null);
      const org = em.create(OrganisationEntity, {
        kind: input.kind,
        name: input.name.trim(),
        shortName: input.shortName ?? null,
        parentId: input.parentId ?? null,
        placeCode: input.placeCode ?? null,
        address: input.address ?? null,
        contacts: input.contacts ?? [],
        archivedAt: null,
      });
      await em.save(org);
      await this.recordOrganisation(em, ctx, 'ORGANISATION_CREATED', null, org);
      return org;
    });
  }

  update(ctx: RequestContext, input: UpdateOrganisationInput): Promise<OrganisationEntity> {
    return this.write(async (em) => {
      const org = await this.lock(em, input.id);
      if (input.version !== undefined && input.version !== org.version) throw OrganisationErrors.staleVersion(org.version);
      if (org.archivedAt) throw OrganisationErrors.archived('input.id');
      const before = { ...org };
      const { id: _id, version: _version, ...changes } = input;
      await this.checkReferences(em, changes);
      if (changes.parentId) await this.assertNotOwnAncestor(em, org.id, changes.parentId);
      const next: OrganisationEntity = Object.assign(org, stripUndefined(changes));
      if (next.name !== before.name || next.placeCode !== before.placeCode) {
        await this.assertNameFree(em, next.name, next.placeCode, org.id);
      }
      await em.save(next);
      await this.recordOrganisation(em, ctx, 'ORGANISATION_UPDATED', before, next);
      return next;
    });
  }

  archive(ctx: RequestContext, input: ArchiveOrganisationInput): Promise<OrganisationEntity> {
    return this.write(async (em) => {
      const org = await this.lock(em, input.id);
      if (org.archivedAt) throw OrganisationErrors.alreadyArchived();
      const before = { ...org };
      org.archivedAt = new Date();
      await em.save(org);
      await this.recordOrganisation(em, ctx, 'ORGANISATION_ARCHIVED', before, org, input.reason);
      return org;
    });
  }

  addNetworkMember(ctx: RequestContext, input: AddNetworkMemberInput): Promise<NetworkMembershipEntity> {
    return this.write(async (em) => {
      // Locking the network row makes concurrent additions to the same network take turns.
      const network = await this.lock(em, input.networkId);
      if (network.kind !== OrganisationKind.NETWORK) throw OrganisationErrors.notANetwork();
      if (network.archivedAt) throw OrganisationErrors.archived('input.networkId');
      if (input.memberId === input.networkId) throw OrganisationErrors.ownMember();
      await this.assertActive([input.memberId], () => 'input.memberId', em);
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
      await this.history.record(em, ctx, {
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
    return this.write(async (em) => {
      const membership = await em.findOne(NetworkMembershipEntity, {
        where: { id: input.membershipId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!membership) throw OrganisationErrors.membershipNotFound(input.membershipId);
      if (membership.leftOn) throw OrganisationErrors.membershipEnded();
      if (input.leftOn < membership.joinedOn) throw OrganisationErrors.endBeforeStart('input.leftOn');
      const before = { ...membership };
      membership.leftOn = input.leftOn;
      await em.save(membership);
      await this.history.record(em, ctx, {
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
    em: EntityManager,
    ctx: RequestContext,
    action: string,
    before: OrganisationEntity | null,
    after: OrganisationEntity,
    reason?: string,
  ) {
    return this.history.record(em, ctx, { action, entityType: ENTITY, entityId: after.id, before, after, reason, organisationIds: [after.id] });
  }

  /** One transaction per write; a unique-index race surfaces as CONFLICT, not as a driver error. */
  private async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (err) {
      if (isUniqueViolation(err, 'uq_organisation_active_name_place')) throw OrganisationErrors.duplicateName();
      if (isUniqueViolation(err, 'uq_network_membership_open')) throw OrganisationErrors.alreadyMember();
      throw err;
    }
  }

  private async lock(em: EntityManager, id: string): Promise<OrganisationEntity> {
    const org = await em.findOne(OrganisationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!org) throw OrganisationErrors.notFound(id);
    return org;
  }

  private async checkReferences(em: EntityManager, input: { placeCode?: string | null; parentId?: string | null }) {
    if (input.placeCode) await this.places.assertExist([input.placeCode], 'input.placeCode');
    if (input.parentId) await this.assertActive([input.parentId], () => 'input.parentId', em);
  }

  private async assertNameFree(em: EntityManager, name: string, placeCode: string | null, exceptId?: string) {
    const taken = await em
      .createQueryBuilder(OrganisationEntity, 'o')
      .where('lower(o.name) = lower(:name)', { name: name.trim() })
      .andWhere("coalesce(o.place_code, '') = coalesce(:placeCode, '')", { placeCode })
      .andWhere('o.archived_at IS NULL')
      .andWhere(exceptId ? 'o.id <> :exceptId' : 'TRUE', { exceptId })
      .getExists();
    if (taken) throw OrganisationErrors.duplicateName();
  }

  /** Walks up from the proposed parent; meeting the organisation itself would close a cycle. */
  private async assertNotOwnAncestor(em: EntityManager, id: string, parentId: string) {
    const [row] = (await em.query(
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
