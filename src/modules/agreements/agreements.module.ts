import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementAmendmentEntity } from './agreement-amendment.entity.js';
import { AgreementDocumentEntity } from './agreement-document.entity.js';
import { AgreementKeyPointEntity } from './agreement-key-point.entity.js';
import { AgreementPartyEntity } from './agreement-party.entity.js';
import { AgreementEntity } from './agreement.entity.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      AgreementEntity,
      AgreementPartyEntity,
      AgreementKeyPointEntity,
      AgreementDocumentEntity,
      AgreementAmendmentEntity,
    ]),
  ],
})
export class AgreementsModule {}
