import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../common/auth/actor.js';
import type { ActorResolver } from '../../common/auth/actor-resolver.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { LoginLimiter } from './login-limiter.js';
import { PasswordService } from './password.service.js';
import { SessionEntity } from './session.entity.js';
import { UserEntity } from './user.entity.js';
import { AuthErrors } from './users.errors.js';

export interface AccessClaims {
  sub: string;
  sid: string;
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  user: UserEntity;
}

/** `<session id>.<generation>.<secret>`; null when it is not shaped like one. */
function parseRefreshToken(token: string): { sessionId: string; generation: number; secret: string } | null {
  const match = /^([0-9a-f-]{36})\.(\d{1,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { sessionId: match[1]!, generation: Number(match[2]), secret: match[3]! } : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService implements ActorResolver {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordService,
    private readonly limiter: LoginLimiter,
  ) {}

  /**
   * Unknown email, wrong password and deactivated account get the same answer after the same work (an
   * argon2 check runs in every case), so neither the answer nor its timing tells which emails exist.
   */
  async login(ctx: RequestContext, email: string, password: string): Promise<Tokens> {
    const normalised = email.trim().toLowerCase();
    await this.limiter.attempt(normalised, ctx.clientAddress);
    // Read from the pool, not the request's connection: the limiter (its own statements from the pool) runs again
    // below, and a request must never hold its connection while waiting for a second one (see UnitOfWork).
    const user = await this.uow
      .manager(null)
      .createQueryBuilder(UserEntity, 'u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normalised })
      .getOne();
    const ok = user ? await this.passwords.verify(user.passwordHash, password) : await this.passwords.verifyNothing(password);
    if (!user || !ok || user.deactivatedAt) throw AuthErrors.invalidCredentials();
    await this.limiter.succeeded(normalised, ctx.clientAddress);
    return this.uow.write(ctx, async (ctx) => {
      const em = this.uow.manager(ctx);
      const secret = randomBytes(32).toString('base64url');
      const session = await em.save(
        em.create(SessionEntity, {
          userId: user.id,
          refreshTokenHash: sha256(secret),
          generation: 0,
          expiresAt: new Date(Date.now() + this.config.auth.refreshTokenTtlSeconds * 1000),
          revokedAt: null,
          revokedReason: null,
        }),
      );
      return this.issue(user, session, secret);
    });
  }

  /**
   * Rotates the refresh token: the presented one stops working and a new pair is issued. Presenting an
   * older token of the session again means it was copied: the whole session (every token derived from the
   * same sign-in) is revoked, and both the thief and the user must sign in again.
   */
  async refresh(ctx: RequestContext, refreshToken: string): Promise<Tokens> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw AuthErrors.invalidRefreshToken();
    const outcome = await this.uow.write(ctx, async (ctx) => {
      const em = this.uow.manager(ctx);
      const session = await em.findOne(SessionEntity, { where: { id: parsed.sessionId }, lock: { mode: 'pessimistic_write' } });
      if (!session) return { error: AuthErrors.invalidRefreshToken() };
      if (session.revokedAt || session.expiresAt < new Date()) return { error: AuthErrors.sessionEnded() };
      if (parsed.generation < session.generation) {
        session.revokedAt = new Date();
        session.revokedReason = 'REFRESH_TOKEN_REUSED';
        await em.save(session);
        return { error: AuthErrors.refreshTokenReused() };
      }
      if (parsed.generation !== session.generation || sha256(parsed.secret) !== session.refreshTokenHash) {
        return { error: AuthErrors.invalidRefreshToken() };
      }
      const user = await em.findOneBy(UserEntity, { id: session.userId });
      if (!user || user.deactivatedAt) return { error: AuthErrors.sessionEnded() };
      const secret = randomBytes(32).toString('base64url');
      session.generation += 1;
      session.refreshTokenHash = sha256(secret);
      await em.save(session);
      return { tokens: this.issue(user, session, secret) };
    });
    // The revocation above commits before the error is thrown.
    if ('error' in outcome) throw outcome.error;
    return outcome.tokens;
  }

  /** Ends the session of the access token used: its access and refresh tokens stop working. */
  async logout(ctx: RequestContext): Promise<boolean> {
    const sessionId = ctx.requiredActor.sessionId;
    if (!sessionId) return false;
    await this.uow
      .manager(ctx)
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ revokedAt: () => 'now()', revokedReason: 'LOGOUT' })
      .where('id = :sessionId AND revoked_at IS NULL', { sessionId })
      .execute();
    return true;
  }

  /** Signs an access token for the session and hands out the refresh token `<session>.<generation>.<secret>`. */
  issue(user: UserEntity, session: SessionEntity, secret: string): Tokens {
    const ttl = this.config.auth.accessTokenTtlSeconds;
    const claims: AccessClaims = { sub: user.id, sid: session.id };
    return {
      accessToken: this.jwt.sign(claims, { expiresIn: ttl }),
      refreshToken: `${session.id}.${session.generation}.${secret}`,
      accessTokenExpiresAt: new Date(Date.now() + ttl * 1000),
      user,
    };
  }

  /** Checks signature and expiry, then that the session is open and the user active: one query. */
  async resolve(token: string): Promise<Actor> {
    let claims: AccessClaims;
    try {
      claims = this.jwt.verify<AccessClaims & object>(token);
    } catch (err) {
      throw (err as Error).name === 'TokenExpiredError' ? AuthErrors.expiredToken() : AuthErrors.invalidToken();
    }
    if (!UUID.test(claims.sid) || !UUID.test(claims.sub)) throw AuthErrors.invalidToken();
    const [row] = await this.uow.poolQuery<{ id: string; role: Actor['role']; organisation_id: string | null; display_name: string }>(
      `SELECT u.id, u.role, u.organisation_id, u.display_name
         FROM user_session s JOIN user_account u ON u.id = s.user_id
        WHERE s.id = $1 AND u.id = $2 AND s.revoked_at IS NULL AND u.deactivated_at IS NULL`,
      [claims.sid, claims.sub],
    );
    if (!row) throw AuthErrors.sessionEnded();
    return {
      userId: row.id,
      role: row.role,
      organisationId: row.organisation_id,
      displayName: row.display_name,
      sessionId: claims.sid,
    };
  }
}
