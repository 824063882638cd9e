import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { AgreementEntity } from './agreement.entity.js';

export enum PartyRole {
  SIGNATORY = 'SIGNATORY',
  FUNDER = 'FUNDER',
  IMPLEMENTER = 'IMPLEMENTER',
  WITNESS = 'WITNESS',
}

/** An organisation that is party to an agreement, and the person who signed for it. */
@Entity('agreement_party')
@Index(['agreementId', 'organisationId'], { unique: true })
export class AgreementPartyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agreementId: string;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: AgreementEntity;

  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'enum', enum: PartyRole, enumName: 'party_role' })
  role: PartyRole;

  @Column({ type: 'varchar', length: 200, nullable: true })
  signatoryName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  signatoryTitle: string | null;

  /** Order in which the parties are listed. */
  @Column({ type: 'int' })
  position: number;
}
