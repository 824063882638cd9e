import { Module } from '@nestjs/common';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

/** Reading and verifying the history that HistoryService writes. */
@Module({ providers: [AuditService, AuditResolver], exports: [AuditService] })
export class AuditModule {}
