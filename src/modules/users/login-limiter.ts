import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuthErrors } from './users.errors.js';

/** A client address may try this many times the per-account limit (an office behind one NAT has many users). */
const ADDRESS_FACTOR = 5;

/** The table the migration SharedLoginLimits made: counts live in PostgreSQL, shared by every instance. */
const TABLE = 'login_attempt';

/**
 * Sign-in attempts in a fixed window (LOGIN_RATE_LIMIT per LOGIN_RATE_WINDOW_SECONDS), counted per account *at*
 * a client address, and per address (five times as many). Counting an account per address, not alone, means an
 * anonymous caller who hammers a known email locks out only themselves: the owner signing in from elsewhere is
 * not refused. Guessing from many addresses is slowed by argon2 and each address's own limit. The counts are
 * kept in PostgreSQL (one atomic upsert per attempt), so several instances behind a load balancer share them.
 */
@Injectable()
export class LoginLimiter {
  private readonly perAccountAtAddress: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;

  constructor(@Inject(APP_CONFIG) config: AppConfig, db: DataSource) {
    const duration = config.auth.loginRateWindowSeconds;
    const shared = { storeClient: db, storeType: 'typeorm', tableName: TABLE, tableCreated: true, clearExpiredByTimeout: true, duration };
    this.perAccountAtAddress = new RateLimiterPostgres({ ...shared, keyPrefix: 'login-account', points: config.auth.loginRateLimit });
    this.perAddress = new RateLimiterPostgres({ ...shared, keyPrefix: 'login-address', points: config.auth.loginRateLimit * ADDRESS_FACTOR });
  }

  /** Counts one attempt; throws TOO_MANY_REQUESTS once either limit is used up. */
  async attempt(email: string, address: string | null): Promise<void> {
    try {
      await Promise.all([
        this.perAccountAtAddress.consume(accountAt(email, address)),
        address ? this.perAddress.consume(digest(address)) : Promise.resolve(undefined),
      ]);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw AuthErrors.tooManyAttempts(Math.ceil(err.msBeforeNext / 1000));
      throw err;
    }
  }

  /** A successful sign-in clears the account's count at that address (the address keeps its own). */
  async succeeded(email: string, address: string | null): Promise<void> {
    await this.perAccountAtAddress.delete(accountAt(email, address));
  }
}

/** Keys are digests: the table holds no email or network address, and no key is too long for it. */
const digest = (text: string) => createHash('sha256').update(text).digest('hex');
const accountAt = (email: string, address: string | null) => digest(`${email}@@${address ?? 'unknown'}`);
