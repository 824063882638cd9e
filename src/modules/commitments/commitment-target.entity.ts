import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { numeric } from '../../common/database/numeric.js';
import { CommitmentEntity } from './commitment.entity.js';

export enum TargetAggregation {
  /** Every accepted report adds its value (sessions held, people trained). */
  SUM = 'SUM',
  /** The latest accepted value stands (facilities in place). */
  LATEST = 'LATEST',
}

/** A measurable target of a commitment. */
@Entity('commitment_target')
@Index(['commitmentId', 'position'], { unique: true })
export class CommitmentTargetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  commitmentId: string;

  @ManyToOne(() => CommitmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commitment_id' })
  commitment?: CommitmentEntity;

  /** Order within the commitment, from 1. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 200 })
  indicator: string;

  @Column({ type: 'varchar', length: 50 })
  unit: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, default: 0, transformer: numeric })
  baseline: number;

  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: numeric })
  targetValue: number;

  @Column({ type: 'enum', enum: TargetAggregation, enumName: 'target_aggregation', default: TargetAggregation.SUM })
  aggregation: TargetAggregation;
}
