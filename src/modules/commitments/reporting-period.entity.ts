import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CommitmentEntity } from './commitment.entity.js';

/** One period a commitment is reported for, derived from its schedule (or an explicit due date). */
@Entity('reporting_period')
@Index(['commitmentId', 'number'], { unique: true })
// Missing reports are listed by due date, then id (migration KeptCommitmentTerms).
@Index('idx_reporting_period_due_order', { synchronize: false })
export class ReportingPeriodEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  commitmentId: string;

  @ManyToOne(() => CommitmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commitment_id' })
  commitment?: CommitmentEntity;

  /** 1, 2, 3, … in date order. */
  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  /** When the report for the period is due. */
  @Index()
  @Column({ type: 'date' })
  dueOn: string;
}
