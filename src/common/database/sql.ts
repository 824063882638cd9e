import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
/** The pg pool under a TypeORM data source (for what TypeORM does not offer: pool events, a plain statement). */
export const poolOf = (db: DataSource): Pool => (db.driver as unknown as { master: Pool }).master;

/** Escapes the LIKE wildcards in user text, so `%` and `_` match themselves. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
