import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A client-generated key a write was made under: a retry with the same key and content returns the first
 * result instead of writing again; the same key with other content is a CONFLICT. Keys are per user.
 */
@Entity('idempotency_record')
export class IdempotencyRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  /** The mutation, e.g. createReport. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  operation: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  key: string;

  /** SHA-256 of the canonical JSON of the input, without the key. */
  @Column({ type: 'char', length: 64 })
  requestHash: string;

  /** The record the first call created or changed. */
  @Column({ type: 'uuid' })
  resultId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
