import { badInput, conflict, notFound } from '../../common/errors/app-error.js';

export const AgreementErrors = {
  notFound: (id: string) => notFound('AGREEMENT_NOT_FOUND', 'Agreement', id),
  referenceTaken: () => conflict('AGREEMENT_REFERENCE_TAKEN', 'Another agreement already has this reference number'),
  staleVersion: (current: number) =>
    conflict('STALE_VERSION', `The agreement was changed meanwhile; it is now at version ${current}`, { currentVersion: current }),
  datesOutOfOrder: (field = 'input.effectiveUntil') =>
    badInput('EFFECTIVE_DATES_OUT_OF_ORDER', field, `${field}: the agreement cannot end before it takes effect`),
  signedAfterStart: (field = 'input.signedOn') =>
    badInput('SIGNED_AFTER_EFFECTIVE_START', field, `${field}: the signing date cannot be after the effective start`),
  duplicateParty: (index: number) =>
    badInput(
      'DUPLICATE_PARTY',
      `input.parties.${index}.organisationId`,
      `input.parties.${index}.organisationId: an organisation is party to an agreement once`,
    ),
  tooFewParties: () => badInput('TOO_FEW_PARTIES', 'input.parties', 'input.parties: an agreement needs two or more different organisations'),
  duplicateKeyPoint: (index: number) =>
    badInput('DUPLICATE_KEY_POINT', `input.keyPoints.${index}.number`, `input.keyPoints.${index}.number: each point has its own number`),
  notDraft: () => conflict('AGREEMENT_NOT_DRAFT', 'Only a DRAFT agreement can be changed this way; amend an ACTIVE one'),
  notActive: (status: string) => conflict('AGREEMENT_NOT_ACTIVE', `The agreement is ${status}, not ACTIVE`),
  cannotRenew: (status: string) => conflict('AGREEMENT_NOT_RENEWABLE', `A ${status} agreement cannot be renewed`),
  signatoriesMissing: () =>
    conflict('SIGNATORIES_MISSING', 'Signing needs at least two parties with the role SIGNATORY'),
  signingDateMissing: () => badInput('SIGNING_DATE_MISSING', 'input.signedOn', 'input.signedOn: give the signing date'),
  nothingToAmend: () => badInput('NOTHING_TO_AMEND', 'input', 'input: the amendment changes nothing'),
};
