import { Inject, Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';

/** argon2id hashing, with the cost from configuration (tests lower it; production keeps the default). */
@Injectable()
export class PasswordService {
  private dummyHash?: Promise<string>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, ...this.config.auth.argon2 });
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password).catch(() => false);
  }

  /** Spends the same time as a real check, for unknown accounts, so timing does not reveal which emails exist. */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash('not a password of anyone');
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
