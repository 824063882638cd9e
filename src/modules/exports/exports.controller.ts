import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS } from '../../common/auth/role.js';
import { contextOf } from '../../common/context/context.decorator.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { badInput } from '../../common/errors/app-error.js';
import { isCalendarDate } from '../../common/graphql/date.scalar.js';
import { column, type ExportColumn, type ExportFormat, labelled, writeTable } from '../../common/export/table-writer.js';
import type { Readable } from 'node:stream';
import { AuditService, EXPORTED } from '../audit/audit.service.js';
import { CommitmentsService } from '../commitments/commitments.service.js';
import { FulfilmentService } from '../fulfilment/fulfilment.service.js';
import { ReportsService } from '../reports/reports.service.js';

const AUDIT_COLUMNS = EXPORTED.map(([, key]) => column(key, key === 'seq' ? 'number' : key === 'occurredAt' ? 'datetime' : 'text'));

const REPORT_COLUMNS = [
  column('id'),
  ...(['agreement', 'commitment', 'organisation'] as const).map((key) => column(key)),
  labelled('status', 'ReportStatus'),
  column('activityFrom', 'date'),
  column('activityUntil', 'date'),
  ...(['girls', 'boys', 'women', 'men', 'withDisability', 'total'] as const).map((key) => column(key, 'number')),
  column('values'),
  column('narrative'),
  column('submittedAt', 'datetime'),
  column('acceptedAt', 'datetime'),
];

const FULFILMENT_COLUMNS = [
  ...(['agreement', 'commitment', 'organisation'] as const).map((key) => column(key)),
  labelled('category', 'CommitmentCategory'),
  column('dueOn', 'date'),
  labelled('status', 'CommitmentStatus'),
  column('progressPercent', 'number'),
  column('indicator'),
  column('unit'),
  ...(['targetValue', 'achieved', 'percent'] as const).map((key) => column(key, 'number')),
];

const AGREEMENT_COLUMNS = [
  column('agreement'),
  labelled('kind', 'AgreementKind'),
  column('agreementTitle'),
  labelled('agreementStatus', 'AgreementStatus'),
  column('signedOn', 'date'),
  column('effectiveUntil', 'date'),
  column('keyPoint', 'number'),
  column('commitment'),
  labelled('category', 'CommitmentCategory'),
  column('responsible'),
  column('startOn', 'date'),
  column('dueOn', 'date'),
  column('cancelledAt', 'datetime'),
  column('targets'),
];

/** Streams a table in the format and the language the request asks for. */
/** The download streams straight to the socket: Fastify hands its response over (it will not send one of its own). */
const send = (req: FastifyRequest, reply: FastifyReply, format: ExportFormat, filename: string, columns: ExportColumn[], rows: Readable) => {
  reply.hijack();
  return writeTable(reply.raw, { format, filename, language: ctxOf(req).language, columns }, rows);
};

const formatOf = (format: string | undefined): ExportFormat => {
  if (format === undefined || format === 'csv' || format === 'xlsx') return format ?? 'csv';
  throw badInput('UNKNOWN_FORMAT', 'format');
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
  async auditTrail(@Req() req: FastifyRequest, @Res() res: FastifyReply, @Query('format') format?: string): Promise<void> {
    await send(req, res, formatOf(format), 'audit-trail', AUDIT_COLUMNS, await this.audit.exportRows(ctxOf(req)));
  }

  /** Per target of every commitment, as of a day (`asOf=YYYY-MM-DD`, default today): what accepted reports add up to. */
  @Get('fulfilment')
  @Allow(...READERS)
  async fulfilmentTable(@Req() req: FastifyRequest, @Res() res: FastifyReply, @Query('format') format?: string, @Query('asOf') asOf?: string): Promise<void> {
    if (asOf !== undefined && !isCalendarDate(asOf)) throw badInput('INVALID_DATE', 'asOf');
    await send(req, res, formatOf(format), 'fulfilment', FULFILMENT_COLUMNS, await this.fulfilment.exportRows(ctxOf(req), asOf));
  }

  /** Agreements with their commitments and targets, a row per commitment. */
  @Get('agreements')
  @Allow(...READERS)
  async agreementsTable(@Req() req: FastifyRequest, @Res() res: FastifyReply, @Query('format') format?: string): Promise<void> {
    await send(req, res, formatOf(format), 'agreements', AGREEMENT_COLUMNS, await this.commitments.exportRows(ctxOf(req)));
  }

  @Get('reports')
  @Allow(...READERS)
  async reportsTable(@Req() req: FastifyRequest, @Res() res: FastifyReply, @Query('format') format?: string): Promise<void> {
    await send(req, res, formatOf(format), 'reports', REPORT_COLUMNS, await this.reports.exportRows(ctxOf(req)));
  }
}

const ctxOf = (req: FastifyRequest): RequestContext => contextOf(req)!;
