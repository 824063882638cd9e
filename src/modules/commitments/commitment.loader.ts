import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/context/request-context.js';
import { manyByKey, oneByKey } from '../../common/dataloader/loaders.js';
import { CommitmentsService } from './commitments.service.js';

/** Request-scoped batching of commitments and what they resolve. */
@Injectable()
export class CommitmentLoader {
  constructor(private readonly commitments: CommitmentsService) {}

  byId = (ctx: RequestContext) => oneByKey(ctx, 'commitment.byId', (ids: readonly string[]) => this.commitments.findByIds(ctx, ids), (c) => c.id);
  ofAgreement = (ctx: RequestContext) =>
    manyByKey(ctx, 'commitment.ofAgreement', (ids: readonly string[]) => this.commitments.ofAgreements(ctx, ids), (c) => c.agreementId);
  targets = (ctx: RequestContext) =>
    manyByKey(ctx, 'commitment.targets', (ids: readonly string[]) => this.commitments.targetsOf(ctx, ids), (t) => t.commitmentId);
  periods = (ctx: RequestContext) =>
    manyByKey(ctx, 'commitment.periods', (ids: readonly string[]) => this.commitments.periodsOf(ctx, ids), (p) => p.commitmentId);
}
