import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/context/request-context.js';
import { manyByKey, oneByKey } from '../../common/dataloader/loaders.js';
import { UsersService } from '../users/users.service.js';
import { ReportsService } from './reports.service.js';

/** Request-scoped batching of what a report resolves. */
@Injectable()
export class ReportLoader {
  constructor(
    private readonly reports: ReportsService,
    private readonly users: UsersService,
  ) {}

  byId = (ctx: RequestContext) => oneByKey(ctx, 'report.byId', (ids: readonly string[]) => this.reports.findByIds(ctx, ids), (r) => r.id);
  values = (ctx: RequestContext) => manyByKey(ctx, 'report.values', (ids: readonly string[]) => this.reports.valuesOf(ctx, ids), (v) => v.reportId);
  evidence = (ctx: RequestContext) => manyByKey(ctx, 'report.evidence', (ids: readonly string[]) => this.reports.evidenceOf(ctx, ids), (e) => e.reportId);
  user = (ctx: RequestContext) => oneByKey(ctx, 'report.user', (ids: readonly string[]) => this.users.findByIds(ctx, ids), (u) => u.id);
}
