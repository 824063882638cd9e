import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitmentTargetEntity } from './commitment-target.entity.js';
import { CommitmentEntity } from './commitment.entity.js';
import { CommitmentsService } from './commitments.service.js';
import { ReportingPeriodEntity } from './reporting-period.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([CommitmentEntity, CommitmentTargetEntity, ReportingPeriodEntity])],
  providers: [CommitmentsService],
  exports: [CommitmentsService],
})
export class CommitmentsModule {}
