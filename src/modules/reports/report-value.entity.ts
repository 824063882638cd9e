import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { numeric } from '../../common/database/numeric.js';
import { CommitmentTargetEntity } from '../commitments/commitment-target.entity.js';
import { ProgressReportEntity } from './progress-report.entity.js';

/** The value a report achieved for one target of its commitment. */
@Entity('report_value')
@Index(['reportId', 'targetId'], { unique: true })
export class ReportValueEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  reportId: string;

  @ManyToOne(() => ProgressReportEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'report_id' })
  report?: ProgressReportEntity;

  @Index()
  @Column({ type: 'uuid' })
  targetId: string;

  @ManyToOne(() => CommitmentTargetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'target_id' })
  target?: CommitmentTargetEntity;

  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: numeric })
  value: number;
}
