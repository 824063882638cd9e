import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../../common/errors/app-error.js';
import { AgreementPartyEntity } from '../agreements/agreement-party.entity.js';
import { AgreementEntity } from '../agreements/agreement.entity.js';
import { agreementStatus, type AgreementStatus } from '../agreements/agreement-status.js';
import { CommitmentTargetEntity } from './commitment-target.entity.js';
import { CommitmentEntity } from './commitment.entity.js';
import { ReportingPeriodEntity } from './reporting-period.entity.js';

/** What a progress report is checked against. */
export interface ReportingTerms {
  commitment: CommitmentEntity;
  targets: CommitmentTargetEntity[];
  periods: ReportingPeriodEntity[];
  agreement: AgreementEntity;
  agreementStatus: AgreementStatus;
  partyOrganisationIds: string[];
}

@Injectable()
export class CommitmentsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The commitment with its targets, periods and agreement, read inside the caller's transaction. */
  async getForReporting(commitmentId: string, em: EntityManager = this.db.manager): Promise<ReportingTerms> {
    const commitment = await em.findOneBy(CommitmentEntity, { id: commitmentId });
    if (!commitment) throw notFound('COMMITMENT_NOT_FOUND', 'Commitment', commitmentId);
    const [targets, periods, agreement, parties] = await Promise.all([
      em.find(CommitmentTargetEntity, { where: { commitmentId }, order: { position: 'ASC' } }),
      em.find(ReportingPeriodEntity, { where: { commitmentId }, order: { number: 'ASC' } }),
      em.findOneByOrFail(AgreementEntity, { id: commitment.agreementId }),
      em.findBy(AgreementPartyEntity, { agreementId: commitment.agreementId }),
    ]);
    return {
      commitment,
      targets,
      periods,
      agreement,
      agreementStatus: agreementStatus(agreement),
      partyOrganisationIds: parties.map((p) => p.organisationId),
    };
  }
}
