import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgreementEntity } from './agreement.entity.js';

/** A numbered point of an agreement, as written in it. */
@Entity('agreement_key_point')
@Index(['agreementId', 'number'], { unique: true })
export class AgreementKeyPointEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agreementId: string;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: AgreementEntity;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  text: string;
}
