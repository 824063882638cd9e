import { badInput, conflict, notFound, staleVersion } from '../../common/errors/app-error.js';

export const AgreementErrors = {
  notFound: (id: string) => notFound('AGREEMENT_NOT_FOUND', id),
  referenceTaken: () => conflict('AGREEMENT_REFERENCE_TAKEN'),
  staleVersion: (current: number) => staleVersion('STALE_VERSION.agreement', current),
  datesOutOfOrder: (field = 'input.effectiveUntil') => badInput('EFFECTIVE_DATES_OUT_OF_ORDER', field),
  signedAfterStart: (field = 'input.signedOn') => badInput('SIGNED_AFTER_EFFECTIVE_START', field),
  duplicateParty: (index: number) => badInput('DUPLICATE_PARTY', `input.parties.${index}.organisationId`),
  tooFewParties: () => badInput('TOO_FEW_PARTIES', 'input.parties'),
  duplicateKeyPoint: (index: number) => badInput('DUPLICATE_KEY_POINT', `input.keyPoints.${index}.number`),
  notDraft: () => conflict('AGREEMENT_NOT_DRAFT'),
  notActive: (status: string) => conflict('AGREEMENT_NOT_ACTIVE', { status }),
  cannotRenew: (status: string) => conflict('AGREEMENT_NOT_RENEWABLE', { status }),
  signatoriesMissing: () => conflict('SIGNATORIES_MISSING'),
  signingDateMissing: () => badInput('SIGNING_DATE_MISSING', 'input.signedOn'),
  nothingToAmend: () => badInput('NOTHING_TO_AMEND', 'input'),
};
