import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { PlacesModule } from '../places/places.module.js';
import { CommitmentLoader } from './commitment.loader.js';
import { CommitmentTargetEntity } from './commitment-target.entity.js';
import { CommitmentEntity } from './commitment.entity.js';
import { AgreementCommitmentsResolver, CommitmentsResolver } from './commitments.resolver.js';
import { CommitmentsService } from './commitments.service.js';
import { ReportingPeriodEntity } from './reporting-period.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([CommitmentEntity, CommitmentTargetEntity, ReportingPeriodEntity]), AgreementsModule, AuditModule, OrganisationsModule, PlacesModule],
  providers: [CommitmentsService, CommitmentLoader, CommitmentsResolver, AgreementCommitmentsResolver],
  exports: [CommitmentsService, CommitmentLoader],
})
export class CommitmentsModule {}
