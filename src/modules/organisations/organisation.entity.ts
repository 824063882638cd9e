import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  JoinColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { PlaceEntity } from '../places/place.entity.js';

export enum OrganisationKind {
  COMPANY = 'COMPANY',
  UNION_FEDERATION = 'UNION_FEDERATION',
  UNION = 'UNION',
  NGO = 'NGO',
  GOVERNMENT_AGENCY = 'GOVERNMENT_AGENCY',
  ACADEMIC = 'ACADEMIC',
  MEDIA = 'MEDIA',
  COMMUNITY_GROUP = 'COMMUNITY_GROUP',
  NETWORK = 'NETWORK',
  INTERNATIONAL_PARTNER = 'INTERNATIONAL_PARTNER',
}

export interface Contact {
  name: string;
  role?: string | null;
  email?: string | null;
  phone?: string | null;
}

@Entity('organisation')
// Case-insensitive "one active organisation per name and place"; created by hand in the migration.
@Index('uq_organisation_active_name_place', { synchronize: false })
@Index('idx_organisation_name_order', { synchronize: false })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'enum', enum: OrganisationKind, enumName: 'organisation_kind' })
  kind: OrganisationKind;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  shortName: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrganisationEntity;

  @Index()
  @Column({ type: 'varchar', length: 13, nullable: true })
  placeCode: string | null;

  @ManyToOne(() => PlaceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'place_code' })
  place?: PlaceEntity;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  contacts: Contact[];

  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Raised by one with every change (UnitOfWork.changeVersioned); a change names the version it was made against. */
  @Column({ type: 'int', default: 1 })
  version: number;
}
