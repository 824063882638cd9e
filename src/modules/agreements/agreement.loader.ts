import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/context/request-context.js';
import { manyByKey, oneByKey } from '../../common/dataloader/loaders.js';
import { AuditService } from '../audit/audit.service.js';
import { AgreementsService } from './agreements.service.js';

/** How many of an agreement's latest history entries `Agreement.history` shows (auditTrail pages through all). */
export const AGREEMENT_HISTORY_LIMIT = 100;

/** Request-scoped batching of what an agreement resolves: one query per relation per request. */
@Injectable()
export class AgreementLoader {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly audit: AuditService,
  ) {}

  byId = (ctx: RequestContext) => oneByKey(ctx, 'agreement.byId', (ids: readonly string[]) => this.agreements.findByIds(ctx, ids), (a) => a.id);
  renewals = (ctx: RequestContext) =>
    manyByKey(ctx, 'agreement.renewals', (ids: readonly string[]) => this.agreements.renewalsOf(ctx, ids), (a) => a.renewsId!);
  parties = (ctx: RequestContext) =>
    manyByKey(ctx, 'agreement.parties', (ids: readonly string[]) => this.agreements.partiesOf(ctx, ids), (p) => p.agreementId);
  keyPoints = (ctx: RequestContext) =>
    manyByKey(ctx, 'agreement.keyPoints', (ids: readonly string[]) => this.agreements.keyPointsOf(ctx, ids), (k) => k.agreementId);
  documents = (ctx: RequestContext) =>
    manyByKey(ctx, 'agreement.documents', (ids: readonly string[]) => this.agreements.documentsOf(ctx, ids), (d) => d.agreementId);
  history = (ctx: RequestContext) =>
    manyByKey(
      ctx,
      'agreement.history',
      (ids: readonly string[]) => this.audit.latestOf(ctx, 'Agreement', ids, AGREEMENT_HISTORY_LIMIT),
      (h) => h.entityId,
    );
  amendments = (ctx: RequestContext) =>
    manyByKey(ctx, 'agreement.amendments', (ids: readonly string[]) => this.agreements.amendmentsOf(ctx, ids), (a) => a.agreementId);
}
