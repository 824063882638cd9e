import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/context/request-context.js';
import { oneByKey } from '../../common/dataloader/loaders.js';
import type { AsOf } from '../../common/time/as-of.js';
import { today } from '../../common/time/calendar.js';
import { FulfilmentService } from './fulfilment.service.js';

@Injectable()
export class FulfilmentLoader {
  constructor(private readonly fulfilment: FulfilmentService) {}

  /** Commitments' fulfilment on a day or at a moment (default today): one statement for all the commitments of a request. */
  ofCommitment = (ctx: RequestContext, when: string | AsOf = today()) =>
    oneByKey(
      ctx,
      `fulfilment.ofCommitment.${typeof when === 'string' ? when : when.at.toISOString()}`,
      (ids: readonly string[]) => this.fulfilment.forCommitments(ctx, ids, when),
      (f) => f.commitmentId,
    );
}
