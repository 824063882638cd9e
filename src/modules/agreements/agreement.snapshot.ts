import type { EntityManager } from 'typeorm';
import { AgreementDocumentEntity } from './agreement-document.entity.js';
import { AgreementKeyPointEntity } from './agreement-key-point.entity.js';
import { AgreementPartyEntity } from './agreement-party.entity.js';
import type { AgreementEntity } from './agreement.entity.js';

export interface AgreementSnapshot extends Omit<AgreementEntity, 'renews'> {
  parties: Omit<AgreementPartyEntity, 'agreement' | 'organisation' | 'agreementId' | 'id'>[];
  keyPoints: { number: number; text: string }[];
  documents: Omit<AgreementDocumentEntity, 'agreement' | 'agreementId'>[];
}

/**
 * The whole agreement as one plain object: what its history entries keep, so it can be shown exactly as it
 * stood on any past date (its parties and points included), and what amendments are compared on.
 */
export async function snapshotOf(em: EntityManager, a: AgreementEntity): Promise<AgreementSnapshot> {
  // One after the other: a transaction's statements share one connection.
  const parties = await em.find(AgreementPartyEntity, { where: { agreementId: a.id }, order: { position: 'ASC' } });
  const keyPoints = await em.find(AgreementKeyPointEntity, { where: { agreementId: a.id }, order: { number: 'ASC' } });
  const documents = await em.find(AgreementDocumentEntity, { where: { agreementId: a.id }, order: { uploadedAt: 'ASC', id: 'ASC' } });
  const { renews: _renews, ...agreement } = a;
  return {
    ...agreement,
    parties: parties.map(({ organisationId, role, signatoryName, signatoryTitle, position }) => ({
      organisationId,
      role,
      signatoryName,
      signatoryTitle,
      position,
    })),
    keyPoints: keyPoints.map(({ number, text }) => ({ number, text })),
    documents: documents.map(({ id, title, url, sha256, uploadedById, uploadedAt }) => ({ id, title, url, sha256, uploadedById, uploadedAt })),
  };
}
