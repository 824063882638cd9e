import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgreementEntity } from './agreement.entity.js';

/** A change to an ACTIVE agreement: its own record, numbered in order, with the reason and what changed. */
@Entity('agreement_amendment')
@Index(['agreementId', 'number'], { unique: true })
export class AgreementAmendmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agreementId: string;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: AgreementEntity;

  /** 1 for the first amendment of the agreement, 2 for the next, … */
  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  reason: string;

  /** `{ field: { before, after } }` of the agreement's fields the amendment changed. */
  @Column({ type: 'jsonb' })
  changes: Record<string, { before: unknown; after: unknown }>;

  @Column({ type: 'uuid', nullable: true })
  amendedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
