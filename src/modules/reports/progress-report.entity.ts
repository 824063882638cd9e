import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CommitmentEntity } from '../commitments/commitment.entity.js';
import { ReportingPeriodEntity } from '../commitments/reporting-period.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';

export enum ReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  SENT_BACK = 'SENT_BACK',
  ACCEPTED = 'ACCEPTED',
}

/** What the responsible organisation did for a commitment in a period. Only ACCEPTED reports count. */
@Entity('progress_report')
@Index(['commitmentId', 'status'])
@Index('idx_progress_report_activity_order', { synchronize: false })
@Index('idx_progress_report_commitment_activity_order', { synchronize: false })
@Index('idx_progress_report_review_order', { synchronize: false })
export class ProgressReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  commitmentId: string;

  @ManyToOne(() => CommitmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commitment_id' })
  commitment?: CommitmentEntity;

  /** The reporting period; null for an ad-hoc report over its activity dates. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  periodId: string | null;

  @ManyToOne(() => ReportingPeriodEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'period_id' })
  period?: ReportingPeriodEntity;

  /** The accepted report this one corrects; once this one is accepted it replaces that one in every figure. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  correctsId: string | null;

  @ManyToOne(() => ProgressReportEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrects_id' })
  corrects?: ProgressReportEntity;

  /** The commitment's responsible organisation, kept on the report so partner scoping is one filter. */
  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Index()
  @Column({ type: 'enum', enum: ReportStatus, enumName: 'report_status', default: ReportStatus.DRAFT })
  status: ReportStatus;

  @Column({ type: 'date' })
  activityFrom: string;

  @Column({ type: 'date' })
  activityUntil: string;

  @Column({ type: 'varchar', length: 13, array: true, default: () => "'{}'" })
  placeCodes: string[];

  @Column({ type: 'int', default: 0 }) girls: number;
  @Column({ type: 'int', default: 0 }) boys: number;
  @Column({ type: 'int', default: 0 }) women: number;
  @Column({ type: 'int', default: 0 }) men: number;
  @Column({ type: 'int', default: 0 }) girlsWithDisability: number;
  @Column({ type: 'int', default: 0 }) boysWithDisability: number;
  @Column({ type: 'int', default: 0 }) womenWithDisability: number;
  @Column({ type: 'int', default: 0 }) menWithDisability: number;

  /** The total as the reporter stated it; when given it must equal girls + boys + women + men. */
  @Column({ type: 'int', nullable: true })
  peopleTotal: number | null;

  @Column({ type: 'text', nullable: true })
  narrative: string | null;

  @Column({ type: 'uuid' })
  createdById: string;

  @Column({ type: 'uuid', nullable: true })
  submittedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  /** The reviewer's comment when the report was last sent back. */
  @Column({ type: 'text', nullable: true })
  reviewComment: string | null;

  @Index()
  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Raised by one with every change (UnitOfWork.changeVersioned); a change names the version it was made against. */
  @Column({ type: 'int', default: 1 })
  version: number;
}
