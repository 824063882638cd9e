import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Role } from '../../common/auth/role.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';

@Entity('user_account')
// A partner always acts for an organisation: the database refuses one without.
@Check('ck_user_partner_organisation', `"role" <> 'PARTNER' OR "organisation_id" IS NOT NULL`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased, so uniqueness is case-insensitive. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 120 })
  displayName: string;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role' })
  role: Role;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  /** argon2id; never returned, never logged, never written to the history. */
  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  /** Who created the account (null: the command line). Four eyes: they never review this user's reports. */
  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  /** Who last set its password (its creator, or whoever reset it): they could act as this user, so they never review its reports. */
  @Column({ type: 'uuid', nullable: true })
  credentialsSetById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Raised by one with every change (UnitOfWork.changeVersioned); a change names the version it was made against. */
  @Column({ type: 'int', default: 1 })
  version: number;
}
