import { badInput, conflict, notFound } from '../../common/errors/app-error.js';

export const CommitmentErrors = {
  notFound: (id: string) => notFound('COMMITMENT_NOT_FOUND', 'Commitment', id),
  agreementNotOpen: (status: string) =>
    conflict('AGREEMENT_NOT_OPEN', `The agreement is ${status}: it accepts no new or changed commitments`),
  notAParty: () =>
    badInput('NOT_A_PARTY', 'input.responsibleOrganisationId', 'input.responsibleOrganisationId: must be a party of the agreement'),
  unknownKeyPoint: (n: number) =>
    badInput('UNKNOWN_KEY_POINT', 'input.keyPointNumber', `input.keyPointNumber: the agreement has no point ${n}`),
  dueBeforeStart: () => badInput('DUE_BEFORE_START', 'input.dueOn', 'input.dueOn: cannot be before input.startOn'),
  outsideAgreement: (field: string) =>
    badInput('OUTSIDE_AGREEMENT_PERIOD', field, `${field}: must lie inside the agreement's effective period`),
  outsideCoverage: (field: string, code: string) =>
    badInput('OUTSIDE_AGREEMENT_COVERAGE', field, `${field}: ${code} is outside the places the agreement covers`),
  dueDatesRequired: () =>
    badInput('DUE_DATES_REQUIRED', 'input.dueDates', 'input.dueDates: a CUSTOM schedule needs its due dates'),
  dueDateOutside: (i: number) =>
    badInput('DUE_DATE_OUTSIDE_COMMITMENT', `input.dueDates.${i}`, `input.dueDates.${i}: must lie between startOn and dueOn`),
  cancelled: () => conflict('COMMITMENT_CANCELLED', 'The commitment is cancelled'),
  hasReports: () =>
    conflict('COMMITMENT_HAS_REPORTS', 'Reports exist for this commitment: its dates, schedule and targets stay as they are'),
  staleVersion: (current: number) =>
    conflict('STALE_VERSION', `The commitment was changed meanwhile; it is now at version ${current}`, { currentVersion: current }),
};
