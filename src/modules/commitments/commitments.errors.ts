import { badInput, conflict, notFound, staleVersion } from '../../common/errors/app-error.js';

export const CommitmentErrors = {
  notFound: (id: string) => notFound('COMMITMENT_NOT_FOUND', id),
  agreementNotOpen: (status: string) => conflict('AGREEMENT_NOT_OPEN', { status }),
  notAParty: () => badInput('NOT_A_PARTY', 'input.responsibleOrganisationId'),
  unknownKeyPoint: (n: number) => badInput('UNKNOWN_KEY_POINT', 'input.keyPointNumber', { number: n }),
  dueBeforeStart: () => badInput('DUE_BEFORE_START', 'input.dueOn'),
  outsideAgreement: (field: string) => badInput('OUTSIDE_AGREEMENT_PERIOD', field),
  outsideCoverage: (field: string, code: string) => badInput('OUTSIDE_AGREEMENT_COVERAGE', field, { code }),
  dueDatesRequired: () => badInput('DUE_DATES_REQUIRED', 'input.dueDates'),
  dueDateOutside: (i: number) => badInput('DUE_DATE_OUTSIDE_COMMITMENT', `input.dueDates.${i}`),
  cancelled: () => conflict('COMMITMENT_CANCELLED'),
  hasReports: () => conflict('COMMITMENT_HAS_REPORTS'),
  staleVersion: (current: number) => staleVersion('STALE_VERSION.commitment', current),
};
