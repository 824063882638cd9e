import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuthErrors } from './users.errors.js';

/** A client address may try this many times the per-account limit (an office behind one NAT has many users). */
const ADDRESS_FACTOR = 5;

/**
 * Sign-in attempts per account and per client address, in a fixed window (LOGIN_RATE_LIMIT per
 * LOGIN_RATE_WINDOW_SECONDS). Kept in memory: one instance per process, which is what this service runs.
 */
@Injectable()
export class LoginLimiter {
  private readonly perAccount: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const duration = config.auth.loginRateWindowSeconds;
    this.perAccount = new RateLimiterMemory({ keyPrefix: 'login-account', points: config.auth.loginRateLimit, duration });
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
        this.perAccount.consume(email),
        address ? this.perAddress.consume(address) : Promise.resolve(undefined),
      ]);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw AuthErrors.tooManyAttempts(Math.ceil(err.msBeforeNext / 1000));
      throw err;
    }
  }

  /** A successful sign-in clears the account's count (the address keeps its own). */
  async succeeded(email: string): Promise<void> {
    await this.perAccount.delete(email);
  }
}
