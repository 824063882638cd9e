import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/context/request-context.js';
import { oneByKey } from '../../common/dataloader/loaders.js';
import { FulfilmentService } from './fulfilment.service.js';

@Injectable()
export class FulfilmentLoader {
  constructor(private readonly fulfilment: FulfilmentService) {}

  /** Today's fulfilment of commitments: one statement for all the commitments of a request. */
  ofCommitment = (ctx: RequestContext) =>
    oneByKey(ctx, 'fulfilment.ofCommitment', (ids: readonly string[]) => this.fulfilment.forCommitments(ctx, ids), (f) => f.commitmentId);
}
