import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/context/request-context.js';
import DataLoader from 'dataloader';
import { manyByKey, oneByKey } from '../../common/dataloader/loaders.js';
import { AuditService } from '../audit/audit.service.js';
import type { HistoryEntry } from '../audit/history-entry.type.js';
import { UsersService } from '../users/users.service.js';
import { type ReportReview, ReviewDecision } from './report.type.js';
import { ReportsService } from './reports.service.js';

/** Request-scoped batching of what a report resolves. */
@Injectable()
export class ReportLoader {
  constructor(
    private readonly reports: ReportsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  byId = (ctx: RequestContext) => oneByKey(ctx, 'report.byId', (ids: readonly string[]) => this.reports.findByIds(ctx, ids), (r) => r.id);
  values = (ctx: RequestContext) => manyByKey(ctx, 'report.values', (ids: readonly string[]) => this.reports.valuesOf(ctx, ids), (v) => v.reportId);
  evidence = (ctx: RequestContext) => manyByKey(ctx, 'report.evidence', (ids: readonly string[]) => this.reports.evidenceOf(ctx, ids), (e) => e.reportId);
  user = (ctx: RequestContext) => oneByKey(ctx, 'report.user', (ids: readonly string[]) => this.users.findByIds(ctx, ids), (u) => u.id);
  /** Every review round of each report, from its history: a first send-back comment is never lost to a second. */
  reviews = (ctx: RequestContext) =>
    ctx.loader('report.reviews', () =>
      new DataLoader<string, ReportReview[]>(async (ids) => {
        const entries = await this.audit.actionsOf(ctx, 'Report', ids, ['REPORT_SUBMITTED', 'REPORT_SENT_BACK', 'REPORT_ACCEPTED']);
        return ids.map((id) => reviewRounds(entries.filter((e) => e.entityId === id)));
      }),
    );
}

/** Submissions and decisions, oldest first, paired into rounds. */
function reviewRounds(entries: HistoryEntry[]): ReportReview[] {
  const rounds: ReportReview[] = [];
  for (const e of entries) {
    const who = { userId: e.actor.userId, name: e.actor.name, role: e.actor.role };
    if (e.action === 'REPORT_SUBMITTED') {
      rounds.push({ round: rounds.length + 1, submittedBy: who, submittedAt: e.occurredAt, decision: null, comment: null, reviewer: null, decidedAt: null });
      continue;
    }
    const open = rounds.at(-1);
    if (!open || open.decision) continue;
    open.decision = e.action === 'REPORT_ACCEPTED' ? ReviewDecision.ACCEPTED : ReviewDecision.SENT_BACK;
    open.comment = e.reason;
    open.reviewer = who;
    open.decidedAt = e.occurredAt;
  }
  return rounds;
}
