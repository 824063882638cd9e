import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS } from '../../common/auth/role.js';
import { contextOf } from '../../common/context/context.decorator.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { badInput } from '../../common/errors/app-error.js';
import { isCalendarDate } from '../../common/graphql/date.scalar.js';
import { type ExportColumn, type ExportFormat, writeTable } from '../../common/export/table-writer.js';
import { AuditService } from '../audit/audit.service.js';
import { CommitmentsService } from '../commitments/commitments.service.js';
import { FulfilmentService } from '../fulfilment/fulfilment.service.js';
import { ReportsService } from '../reports/reports.service.js';

const AUDIT_COLUMNS: ExportColumn[] = [
  { key: 'seq', header: 'seq', type: 'number' },
  { key: 'occurredAt', header: 'occurredAt', type: 'datetime' },
  { key: 'actorUserId', header: 'actorUserId' },
  { key: 'actorRole', header: 'actorRole' },
  { key: 'actorOrganisationId', header: 'actorOrganisationId' },
  { key: 'actorName', header: 'actorName' },
  { key: 'action', header: 'action' },
  { key: 'entityType', header: 'entityType' },
  { key: 'entityId', header: 'entityId' },
  { key: 'organisationIds', header: 'organisationIds' },
  { key: 'changes', header: 'changes' },
  { key: 'reason', header: 'reason' },
  { key: 'requestId', header: 'requestId' },
  { key: 'state', header: 'state' },
  { key: 'prevHash', header: 'prevHash' },
  { key: 'hash', header: 'hash' },
];

const REPORT_COLUMNS: ExportColumn[] = [
  { key: 'id', header: 'report' },
  { key: 'agreement', header: 'agreement' },
  { key: 'commitment', header: 'commitment' },
  { key: 'organisation', header: 'organisation' },
  { key: 'status', header: 'status' },
  { key: 'activityFrom', header: 'activityFrom', type: 'date' },
  { key: 'activityUntil', header: 'activityUntil', type: 'date' },
  ...['girls', 'boys', 'women', 'men', 'withDisability', 'total'].map((key) => ({ key, header: key, type: 'number' as const })),
  { key: 'values', header: 'values' },
  { key: 'narrative', header: 'narrative' },
  { key: 'submittedAt', header: 'submittedAt', type: 'datetime' },
  { key: 'acceptedAt', header: 'acceptedAt', type: 'datetime' },
];

const FULFILMENT_COLUMNS: ExportColumn[] = [
  { key: 'agreement', header: 'agreement' },
  { key: 'commitment', header: 'commitment' },
  { key: 'organisation', header: 'organisation' },
  { key: 'category', header: 'category' },
  { key: 'dueOn', header: 'dueOn', type: 'date' },
  { key: 'status', header: 'status' },
  { key: 'progressPercent', header: 'progressPercent', type: 'number' },
  { key: 'indicator', header: 'indicator' },
  { key: 'unit', header: 'unit' },
  { key: 'targetValue', header: 'targetValue', type: 'number' },
  { key: 'achieved', header: 'achieved', type: 'number' },
  { key: 'percent', header: 'percent', type: 'number' },
];

const AGREEMENT_COLUMNS: ExportColumn[] = [
  { key: 'agreement', header: 'agreement' },
  { key: 'kind', header: 'kind' },
  { key: 'agreementTitle', header: 'title' },
  { key: 'agreementStatus', header: 'status' },
  { key: 'signedOn', header: 'signedOn', type: 'date' },
  { key: 'effectiveUntil', header: 'effectiveUntil', type: 'date' },
  { key: 'keyPoint', header: 'keyPoint', type: 'number' },
  { key: 'commitment', header: 'commitment' },
  { key: 'category', header: 'category' },
  { key: 'responsible', header: 'responsible' },
  { key: 'startOn', header: 'startOn', type: 'date' },
  { key: 'dueOn', header: 'dueOn', type: 'date' },
  { key: 'cancelledAt', header: 'cancelledAt', type: 'datetime' },
  { key: 'targets', header: 'targets' },
];

const formatOf = (format: string | undefined): ExportFormat => {
  if (format === undefined || format === 'csv' || format === 'xlsx') return format ?? 'csv';
  throw badInput('UNKNOWN_FORMAT', 'format', 'format: csv or xlsx');
};

/**
 * Streamed downloads for signed-in users (`Authorization: Bearer …`), with the same visibility as the GraphQL
 * queries: `GET /exports/{audit-trail,reports,fulfilment,agreements}?format=csv|xlsx` (fulfilment also `asOf`).
 */
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly audit: AuditService,
    private readonly reports: ReportsService,
    private readonly fulfilment: FulfilmentService,
    private readonly commitments: CommitmentsService,
  ) {}

  /** Every entry with its sequence, hash and previous hash: `npm run audit:verify -- file.csv` checks it offline. */
  @Get('audit-trail')
  @Allow(...READERS)
  async auditTrail(@Req() req: Request, @Res() res: Response, @Query('format') format?: string): Promise<void> {
    await writeTable(res, formatOf(format), 'audit-trail', AUDIT_COLUMNS, await this.audit.exportRows(ctxOf(req)));
  }

  /** Per target of every commitment, as of a day (`asOf=YYYY-MM-DD`, default today): what accepted reports add up to. */
  @Get('fulfilment')
  @Allow(...READERS)
  async fulfilmentTable(@Req() req: Request, @Res() res: Response, @Query('format') format?: string, @Query('asOf') asOf?: string): Promise<void> {
    if (asOf !== undefined && !isCalendarDate(asOf)) throw badInput('INVALID_DATE', 'asOf', 'asOf: a calendar day written YYYY-MM-DD');
    await writeTable(res, formatOf(format), 'fulfilment', FULFILMENT_COLUMNS, await this.fulfilment.exportRows(ctxOf(req), asOf));
  }

  /** Agreements with their commitments and targets, a row per commitment. */
  @Get('agreements')
  @Allow(...READERS)
  async agreementsTable(@Req() req: Request, @Res() res: Response, @Query('format') format?: string): Promise<void> {
    await writeTable(res, formatOf(format), 'agreements', AGREEMENT_COLUMNS, await this.commitments.exportRows(ctxOf(req)));
  }

  @Get('reports')
  @Allow(...READERS)
  async reportsTable(@Req() req: Request, @Res() res: Response, @Query('format') format?: string): Promise<void> {
    await writeTable(res, formatOf(format), 'reports', REPORT_COLUMNS, await this.reports.exportRows(ctxOf(req)));
  }
}

const ctxOf = (req: Request): RequestContext => contextOf(req)!;
