import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity.js';

/** An organisation's membership of a network (kind NETWORK) for a period; ended, never deleted. */
@Entity('network_membership')
@Index(['networkId', 'memberId'])
// At most one open membership per network and member; created by hand in the migration.
@Index('uq_network_membership_open', { synchronize: false })
export class NetworkMembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  networkId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network?: OrganisationEntity;

  @Index()
  @Column({ type: 'uuid' })
  memberId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: OrganisationEntity;

  @Column({ type: 'date' })
  joinedOn: string;

  @Column({ type: 'date', nullable: true })
  leftOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
