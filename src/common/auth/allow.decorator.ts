import { SetMetadata } from '@nestjs/common';
import type { Role } from './role.js';

export const ALLOW_KEY = 'mitra:allow';
/** Anyone, signed in or not (login, health). */
export const Public = 'PUBLIC' as const;
export type Permission = Role | typeof Public;

/**
 * Declares who may call an operation. Every query, mutation and controller route needs one: the guard
 * refuses operations that declare nothing.
 */
export const Allow = (...permissions: Permission[]) => SetMetadata(ALLOW_KEY, permissions);
