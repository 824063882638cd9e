import { Module } from '@nestjs/common';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { FulfilmentLoader } from './fulfilment.loader.js';
import { CommitmentFulfilmentResolver, FulfilmentResolver, MissingReportResolver } from './fulfilment.resolver.js';
import { FulfilmentService } from './fulfilment.service.js';

@Module({
  imports: [CommitmentsModule],
  providers: [FulfilmentService, FulfilmentLoader, FulfilmentResolver, MissingReportResolver, CommitmentFulfilmentResolver],
  exports: [FulfilmentService],
})
export class FulfilmentModule {}
