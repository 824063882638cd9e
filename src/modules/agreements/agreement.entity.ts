import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum AgreementKind {
  MOU = 'MOU',
  COOPERATION_AGREEMENT = 'COOPERATION_AGREEMENT',
  PROGRAMME_AGREEMENT = 'PROGRAMME_AGREEMENT',
}

export enum ThematicArea {
  CHILD_PROTECTION = 'CHILD_PROTECTION',
  CHILD_LABOUR = 'CHILD_LABOUR',
  VIOLENCE_AGAINST_CHILDREN = 'VIOLENCE_AGAINST_CHILDREN',
  SEXUAL_EXPLOITATION_OF_CHILDREN = 'SEXUAL_EXPLOITATION_OF_CHILDREN',
  CHILD_FRIENDLY_CITY = 'CHILD_FRIENDLY_CITY',
  OTHER = 'OTHER',
}

/**
 * What is stored. EXPIRED is not stored: an ACTIVE agreement whose effective_until has passed is EXPIRED
 * (see agreementStatus), so it shows the day after without anyone acting.
 */
export enum StoredAgreementStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  TERMINATED = 'TERMINATED',
}

/** An MoU (Nota Kesepahaman), a cooperation agreement (PKS) or a programme agreement. */
@Entity('agreement')
@Index('uq_agreement_reference', { synchronize: false })
// Lists are ordered by reference, then id (migration KeptCommitmentTerms).
@Index('idx_agreement_reference_order', { synchronize: false })
export class AgreementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: AgreementKind, enumName: 'agreement_kind' })
  kind: AgreementKind;

  /** Unique, case-insensitively (index uq_agreement_reference, created in the migration). */
  @Column({ type: 'varchar', length: 100 })
  reference: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'enum', enum: ThematicArea, enumName: 'thematic_area', array: true, default: () => "'{}'" })
  thematicAreas: ThematicArea[];

  @Index()
  @Column({ type: 'enum', enum: StoredAgreementStatus, enumName: 'agreement_status', default: StoredAgreementStatus.DRAFT })
  status: StoredAgreementStatus;

  @Column({ type: 'date', nullable: true })
  signedOn: string | null;

  @Column({ type: 'date', nullable: true })
  effectiveFrom: string | null;

  @Index()
  @Column({ type: 'date', nullable: true })
  effectiveUntil: string | null;

  /** Kemendagri codes of the areas the agreement covers (any level). */
  @Column({ type: 'varchar', length: 13, array: true, default: () => "'{}'" })
  coveragePlaceCodes: string[];

  /** The agreement this one renews. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  renewsId: string | null;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'renews_id' })
  renews?: AgreementEntity;

  @Column({ type: 'timestamptz', nullable: true })
  terminatedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  terminationReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Raised by one with every change (UnitOfWork.changeVersioned); a change names the version it was made against. */
  @Column({ type: 'int', default: 1 })
  version: number;
}
