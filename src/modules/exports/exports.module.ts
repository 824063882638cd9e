import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { FulfilmentModule } from '../fulfilment/fulfilment.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { ExportsController } from './exports.controller.js';

/** Downloads for spreadsheets and offline checks, built on the features' own scoped queries. */
@Module({ imports: [AuditModule, CommitmentsModule, FulfilmentModule, ReportsModule], controllers: [ExportsController] })
export class ExportsModule {}
