import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AgreementEntity } from '../agreements/agreement.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';

export enum CommitmentCategory {
  AWARENESS_CAMPAIGN = 'AWARENESS_CAMPAIGN',
  TRAINING = 'TRAINING',
  CHILD_FRIENDLY_FACILITY = 'CHILD_FRIENDLY_FACILITY',
  COUNSELLING_SERVICE = 'COUNSELLING_SERVICE',
  CAPACITY_BUILDING = 'CAPACITY_BUILDING',
  SHELTER_AND_REHABILITATION = 'SHELTER_AND_REHABILITATION',
  SOCIAL_MAPPING = 'SOCIAL_MAPPING',
  COORDINATION_MEETING = 'COORDINATION_MEETING',
  POLICY_ADVOCACY = 'POLICY_ADVOCACY',
  INSTITUTION_BUILDING = 'INSTITUTION_BUILDING',
  OTHER = 'OTHER',
}

export enum ReportingSchedule {
  NONE = 'NONE',
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  SEMI_ANNUAL = 'SEMI_ANNUAL',
  ANNUAL = 'ANNUAL',
  /** Explicit due dates given with the commitment. */
  CUSTOM = 'CUSTOM',
}

/** Something a party promised under an agreement. Status is CANCELLED or derived from accepted reports. */
@Entity('commitment')
@Index('idx_commitment_due_order', { synchronize: false })
export class CommitmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  agreementId: string;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: AgreementEntity;

  /** One of the agreement's parties. */
  @Index()
  @Column({ type: 'uuid' })
  responsibleOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responsible_organisation_id' })
  responsibleOrganisation?: OrganisationEntity;

  @Index()
  @Column({ type: 'enum', enum: CommitmentCategory, enumName: 'commitment_category' })
  category: CommitmentCategory;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The number of the agreement's key point this commitment implements. */
  @Column({ type: 'int', nullable: true })
  keyPointNumber: number | null;

  @Column({ type: 'date' })
  startOn: string;

  @Index()
  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'varchar', length: 13, array: true, default: () => "'{}'" })
  placeCodes: string[];

  @Column({ type: 'enum', enum: ReportingSchedule, enumName: 'reporting_schedule', default: ReportingSchedule.NONE })
  reportingSchedule: ReportingSchedule;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancellationReason: string | null;

  /** Set by the first report: from then on dates, schedule, targets and the responsible organisation stay as they are. */
  @Column({ type: 'boolean', default: false })
  hasReports: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Raised by one with every change (UnitOfWork.changeVersioned); a change names the version it was made against. */
  @Column({ type: 'int', default: 1 })
  version: number;
}
