import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import type { ActorResolver } from '../../common/auth/actor-resolver.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
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

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService implements ActorResolver {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordService,
  ) {}

  async login(email: string, password: string): Promise<Tokens> {
    const user = await this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    const ok = user ? await this.passwords.verify(user.passwordHash, password) : await this.passwords.verifyNothing(password);
    if (!user || !ok || user.deactivatedAt) throw AuthErrors.invalidCredentials();
    return this.db.transaction(async (em) => {
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
    const [row] = (await this.db.query(
      `SELECT u.id, u.role, u.organisation_id, u.display_name
         FROM user_session s JOIN user_account u ON u.id = s.user_id
        WHERE s.id = $1 AND u.id = $2 AND s.revoked_at IS NULL AND u.deactivated_at IS NULL`,
      [claims.sid, claims.sub],
    )) as { id: string; role: Actor['role']; organisation_id: string | null; display_name: string }[];
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
