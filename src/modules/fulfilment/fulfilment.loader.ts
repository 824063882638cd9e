import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/context/request-context.js';
import { oneByKey } from '../../common/dataloader/loaders.js';
import { today } from '../../common/time/calendar.js';
import { FulfilmentService } from './fulfilment.service.js';

@Injectable()
export class FulfilmentLoader {
  constructor(private readonly fulfilment: FulfilmentService) {}

  /** Commitments' fulfilment on a day (default today): one statement for all the commitments of a request. */
  ofCommitment = (ctx: RequestContext, asOf = today()) =>
    oneByKey(ctx, `fulfilment.ofCommitment.${asOf}`, (ids: readonly string[]) => this.fulfilment.forCommitments(ctx, ids, asOf), (f) => f.commitmentId);
}
