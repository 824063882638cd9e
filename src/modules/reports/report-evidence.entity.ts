import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProgressReportEntity } from './progress-report.entity.js';

export enum EvidenceKind {
  PHOTO = 'PHOTO',
  ATTENDANCE_LIST = 'ATTENDANCE_LIST',
  DOCUMENT = 'DOCUMENT',
  OTHER = 'OTHER',
}

/** A link to what backs a report (photos, attendance list, documents), optionally pinned by checksum. */
@Entity('report_evidence')
@Index(['reportId', 'position'], { unique: true })
export class ReportEvidenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  reportId: string;

  @ManyToOne(() => ProgressReportEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'report_id' })
  report?: ProgressReportEntity;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'enum', enum: EvidenceKind, enumName: 'evidence_kind' })
  kind: EvidenceKind;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;
}
