import { Injectable } from '@nestjs/common';
import { Role } from '../../common/auth/role.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { paginate, type Page } from '../../common/graphql/connection.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { escapeLike } from '../../common/database/sql.js';
import type { CreateUserInput } from './dto/create-user.input.js';
import type { DeactivateUserInput } from './dto/deactivate-user.input.js';
import type { ResetPasswordInput } from './dto/reset-password.input.js';
import type { UpdateUserInput } from './dto/update-user.input.js';
import type { UsersArgs } from './dto/users.args.js';
import { PasswordPolicy } from './password-policy.js';
import { PasswordService } from './password.service.js';
import { SessionEntity } from './session.entity.js';
import { UserEntity } from './user.entity.js';
import { UserErrors } from './users.errors.js';
import { rowsBy } from '../../common/database/entity-rows.js';

const ENTITY = 'User';
const VERSION_ERRORS = { notFound: UserErrors.notFound, stale: UserErrors.staleVersion };

/** The fields of a user that history keeps: everything but the password hash. */
const publicState = (u: UserEntity) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  organisationId: u.organisationId,
  deactivatedAt: u.deactivatedAt,
  createdById: u.createdById,
  credentialsSetById: u.credentialsSetById,
  version: u.version,
});

@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly passwords: PasswordService,
    private readonly policy: PasswordPolicy,
    private readonly organisations: OrganisationsService,
  ) {}

  async get(ctx: RequestContext, id: string): Promise<UserEntity> {
    const user = (await rowsBy(this.uow.manager(ctx), UserEntity, 'id', [id]))[0];
    if (!user) throw UserErrors.notFound(id);
    return user;
  }

  findByIds(ctx: RequestContext, ids: readonly string[]): Promise<UserEntity[]> {
    return rowsBy(this.uow.manager(ctx), UserEntity, 'id', ids);
  }

  /** An account as its manager sees it: a coordinator gets NOT_FOUND for any account but a partner's. */
  async getManaged(ctx: RequestContext, id: string): Promise<UserEntity> {
    const user = await this.managed(ctx).andWhere('u.id = :id', { id }).getOne();
    if (!user) throw UserErrors.notFound(id);
    return user;
  }

  /** Coordinators see the partner accounts they manage; admins see everyone. */
  list(ctx: RequestContext, args: UsersArgs): Promise<Page<UserEntity>> {
    const f = args.filter ?? {};
    const qb = this.managed(ctx);
    if (!f.includeDeactivated) qb.andWhere('u.deactivated_at IS NULL');
    if (f.roles?.length) qb.andWhere('u.role IN (:...roles)', { roles: f.roles });
    if (f.organisationId) qb.andWhere('u.organisation_id = :org', { org: f.organisationId });
    if (f.search) {
      qb.andWhere('(u.email ILIKE :search OR u.display_name ILIKE :search)', { search: `%${escapeLike(f.search)}%` });
    }
    return paginate(qb, args, { column: 'u.email', id: 'u.id', direction: 'ASC', key: (u) => [u.email, u.id] }, (u) => u);
  }

  create(ctx: RequestContext, input: CreateUserInput): Promise<UserEntity> {
    this.assertMayManage(ctx, input.role);
    const email = normaliseEmail(input.email);
    this.policy.assertStrong(input.password, 'input.password', [email, input.displayName]);
    return this.write(ctx, async (ctx) => {
      const em = this.uow.manager(ctx);
      const organisationId = await this.checkOrganisation(ctx, input.role, input.organisationId ?? null);
      const user = em.create(UserEntity, {
        email,
        displayName: input.displayName.trim(),
        role: input.role,
        organisationId,
        passwordHash: await this.passwords.hash(input.password),
        deactivatedAt: null,
        createdById: ctx.requiredActor.userId,
        credentialsSetById: ctx.requiredActor.userId,
        version: 1,
      });
      await em.save(user);
      await this.record(ctx, 'USER_CREATED', null, user);
      return user;
    });
  }

  update(ctx: RequestContext, input: UpdateUserInput): Promise<UserEntity> {
    return this.write(ctx, async (ctx) => {
      const user = await this.uow.changeVersioned(ctx, UserEntity, input.id, input.version, VERSION_ERRORS);
      this.assertMayManage(ctx, user.role);
      if (input.role) this.assertMayManage(ctx, input.role);
      if (user.deactivatedAt) throw UserErrors.deactivated();
      const before = publicState(user);
      const role = input.role ?? user.role;
      const organisationId = input.organisationId !== undefined ? input.organisationId : user.organisationId;
      user.organisationId = await this.checkOrganisation(ctx, role, organisationId);
      user.role = role;
      if (input.email) user.email = normaliseEmail(input.email);
      if (input.displayName) user.displayName = input.displayName.trim();
      await this.uow.manager(ctx).save(user);
      await this.record(ctx, 'USER_UPDATED', before, user);
      return user;
    });
  }

  /** Deactivation ends every session of the user at once: their access tokens stop working on the next request. */
  deactivate(ctx: RequestContext, input: DeactivateUserInput): Promise<UserEntity> {
    return this.write(ctx, async (ctx) => {
      const user = await this.uow.changeVersioned(ctx, UserEntity, input.id, input.version, VERSION_ERRORS);
      this.assertMayManage(ctx, user.role);
      if (user.id === ctx.requiredActor.userId) throw UserErrors.notYourself();
      if (user.deactivatedAt) throw UserErrors.alreadyDeactivated();
      const before = publicState(user);
      user.deactivatedAt = new Date();
      await this.uow.manager(ctx).save(user);
      await this.revokeSessions(ctx, user.id, 'DEACTIVATED');
      await this.record(ctx, 'USER_DEACTIVATED', before, user, input.reason);
      return user;
    });
  }

  resetPassword(ctx: RequestContext, input: ResetPasswordInput): Promise<UserEntity> {
    return this.write(ctx, async (ctx) => {
      const user = await this.uow.changeVersioned(ctx, UserEntity, input.id, input.version, VERSION_ERRORS);
      this.assertMayManage(ctx, user.role);
      if (user.deactivatedAt) throw UserErrors.deactivated();
      this.policy.assertStrong(input.newPassword, 'input.newPassword', [user.email, user.displayName]);
      const before = publicState(user);
      user.passwordHash = await this.passwords.hash(input.newPassword);
      user.credentialsSetById = ctx.requiredActor.userId;
      await this.uow.manager(ctx).save(user);
      await this.revokeSessions(ctx, user.id, 'PASSWORD_RESET');
      await this.record(ctx, 'USER_PASSWORD_RESET', before, user);
      return user;
    });
  }

  /** The accounts the actor manages: all for an admin; partner accounts for a coordinator. */
  private managed(ctx: RequestContext) {
    const qb = this.uow.manager(ctx).createQueryBuilder(UserEntity, 'u').where('TRUE');
    const actor = ctx.requiredActor;
    if (actor.role === Role.COORDINATOR) qb.andWhere('u.role = :partner', { partner: Role.PARTNER });
    return qb;
  }

  /** An administrator grants any role; a coordinator manages partner accounts only; the system (CLI) anything. */
  private assertMayManage(ctx: RequestContext, role: Role): void {
    const actor = ctx.requiredActor;
    if (actor.role === 'SYSTEM' || actor.role === Role.ADMIN) return;
    if (actor.role === Role.COORDINATOR && role === Role.PARTNER) return;
    throw UserErrors.roleNotGrantable(role);
  }

  private async checkOrganisation(ctx: RequestContext, role: Role, organisationId: string | null): Promise<string | null> {
    if (role === Role.PARTNER && !organisationId) throw UserErrors.organisationRequired();
    if (organisationId) await this.organisations.assertActive(ctx, [organisationId], () => 'input.organisationId');
    return organisationId;
  }

  private async revokeSessions(ctx: RequestContext, userId: string, reason: string): Promise<void> {
    await this.uow
      .manager(ctx)
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
  }

  private record(ctx: RequestContext, action: string, before: object | null, user: UserEntity, reason?: string) {
    return this.uow.record(ctx, {
      action,
      entityType: ENTITY,
      entityId: user.id,
      before,
      after: publicState(user),
      reason,
      organisationIds: user.organisationId ? [user.organisationId] : [],
    });
  }

  private write<T>(ctx: RequestContext, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    return this.uow.write(ctx, work, { '*': UserErrors.emailTaken });
  }
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
