import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';
import { ProgressReportEntity } from './progress-report.entity.js';
import { ReportEvidenceEntity } from './report-evidence.entity.js';
import { ReportValueEntity } from './report-value.entity.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([ProgressReportEntity, ReportValueEntity, ReportEvidenceEntity, IdempotencyRecordEntity]),
  ],
})
export class ReportsModule {}
