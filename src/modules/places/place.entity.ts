import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export enum PlaceLevel {
  PROVINCE = 'PROVINCE',
  REGENCY = 'REGENCY',
  DISTRICT = 'DISTRICT',
  VILLAGE = 'VILLAGE',
}

/**
 * An official administrative area (Kemendagri code). Codes nest by prefix: `35.13.13.2003` lies in
 * `35.13.13`, `35.13` and `35`, so "everything inside" is `code = X OR code LIKE 'X.%'`.
 */
@Entity('place')
export class PlaceEntity {
  @PrimaryColumn({ type: 'varchar', length: 13 })
  code: string;

  @Index()
  @Column({ type: 'enum', enum: PlaceLevel, enumName: 'place_level' })
  level: PlaceLevel;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Index()
  @Column({ type: 'varchar', length: 13, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => PlaceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code' })
  parent?: PlaceEntity;
}
