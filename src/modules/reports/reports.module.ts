import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { PlacesModule } from '../places/places.module.js';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';
import { ProgressReportEntity } from './progress-report.entity.js';
import { ReportEvidenceEntity } from './report-evidence.entity.js';
import { ReportLoader } from './report.loader.js';
import { ReportValueEntity } from './report-value.entity.js';
import { ReportsResolver } from './reports.resolver.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([ProgressReportEntity, ReportValueEntity, ReportEvidenceEntity, IdempotencyRecordEntity]),
    AuditModule,
    CommitmentsModule,
    OrganisationsModule,
    PlacesModule,
  ],
  providers: [ReportsService, ReportLoader, ReportsResolver],
  exports: [ReportsService],
})
export class ReportsModule {}
