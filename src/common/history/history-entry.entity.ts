import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One change to one record. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and
 * hash-chained: `hash` = SHA-256 over the previous entry's hash and this entry's canonical content.
 */
@Entity('history_entry')
// GIN index over organisation_ids, created by hand in the migration (TypeORM cannot declare GIN).
@Index('idx_history_entry_organisation_ids', { synchronize: false })
@Index(['entityType', 'entityId', 'seq'])
// As-of reads: the latest entry of a record by a moment, without walking the changes made after it.
@Index(['entityType', 'entityId', 'occurredAt'])
@Index(['actorUserId', 'seq'])
@Index(['occurredAt'])
export class HistoryEntryEntity {
  /** Gap-free: 1, 2, 3, … assigned under a transaction-scoped lock. */
  @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq: number;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 20 })
  actorRole: string;

  @Column({ type: 'uuid', nullable: true })
  actorOrganisationId: string | null;

  @Column({ type: 'varchar', length: 200 })
  actorName: string;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 60 })
  entityType: string;

  @Column({ type: 'varchar', length: 64 })
  entityId: string;

  /** The organisations the record concerns; partners see the history of these only. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  organisationIds: string[];

  /** Changed fields: `{ field: { before, after } }`. */
  @Column({ type: 'jsonb' })
  changes: Record<string, { before: unknown; after: unknown }>;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  requestId: string | null;

  /** The full record after the change (null after nothing: kept for deletions of link rows). */
  @Column({ type: 'jsonb', nullable: true })
  state: Record<string, unknown> | null;

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
