import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuthErrors } from './users.errors.js';

/** A client address may try this many times the per-account limit (an office behind one NAT has many users). */
const ADDRESS_FACTOR = 5;

/**
 * Sign-in attempts in a fixed window (LOGIN_RATE_LIMIT per LOGIN_RATE_WINDOW_SECONDS), counted per account *at*
 * a client address, and per address (five times as many). Counting an account per address, not alone, means an
 * anonymous caller who hammers a known email locks out only themselves: the owner signing in from elsewhere is
 * not refused. Guessing from many addresses is slowed by argon2 and each address's own limit.
 */
@Injectable()
export class LoginLimiter {
  private readonly perAccountAtAddress: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const duration = config.auth.loginRateWindowSeconds;
    this.perAccountAtAddress = new RateLimiterMemory({ keyPrefix: 'login-account', points: config.auth.loginRateLimit, duration });
    this.perAddress = new RateLimiterMemory({
      keyPrefix: 'login-address',
      points: config.auth.loginRateLimit * ADDRESS_FACTOR,
      duration,
    });
  }

  /** Counts one attempt; throws TOO_MANY_REQUESTS once either limit is used up. */
  async attempt(email: string, address: string | null): Promise<void> {
    try {
      await Promise.all([
        this.perAccountAtAddress.consume(accountAt(email, address)),
        address ? this.perAddress.consume(address) : Promise.resolve(undefined),
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

const accountAt = (email: string, address: string | null) => `${email}@@${address ?? 'unknown'}`;
