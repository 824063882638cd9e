import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { PlacesModule } from '../places/places.module.js';
import { AgreementAmendmentEntity } from './agreement-amendment.entity.js';
import { AgreementDocumentEntity } from './agreement-document.entity.js';
import { AgreementKeyPointEntity } from './agreement-key-point.entity.js';
import { AgreementLoader } from './agreement.loader.js';
import { AgreementPartyEntity } from './agreement-party.entity.js';
import { AgreementEntity } from './agreement.entity.js';
import {
  AgreementAmendmentResolver,
  AgreementPartyResolver,
  AgreementsResolver,
} from './agreements.resolver.js';
import { AgreementsService } from './agreements.service.js';
import { AgreementExpiryScheduler } from './agreement-expiry.scheduler.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      AgreementEntity,
      AgreementPartyEntity,
      AgreementKeyPointEntity,
      AgreementDocumentEntity,
      AgreementAmendmentEntity,
    ]),
    AuditModule,
    OrganisationsModule,
    PlacesModule,
  ],
  providers: [
    AgreementsService,
    AgreementLoader,
    AgreementsResolver,
    AgreementPartyResolver,
    AgreementAmendmentResolver,
    AgreementExpiryScheduler,
  ],
  exports: [AgreementsService, AgreementLoader],
})
export class AgreementsModule {}
