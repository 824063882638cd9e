import { badInput, conflict, forbidden, notFound } from '../../common/errors/app-error.js';

const n = (x: number) => x.toLocaleString('en-US');

export const ReportErrors = {
  notFound: (id: string) => notFound('REPORT_NOT_FOUND', 'Report', id),
  notYourCommitment: () => forbidden('NOT_YOUR_COMMITMENT', 'Partners report only on the commitments their organisation is responsible for'),
  commitmentCancelled: () => badInput('COMMITMENT_CANCELLED', 'input.commitmentId', 'input.commitmentId: the commitment is cancelled'),
  agreementNotActive: (status: string) =>
    badInput('AGREEMENT_NOT_ACTIVE', 'input.commitmentId', `input.commitmentId: its agreement is ${status}, not ACTIVE`),
  unknownPeriod: () => badInput('UNKNOWN_PERIOD', 'input.periodId', 'input.periodId: not a reporting period of this commitment'),
  activityOrder: () => badInput('ACTIVITY_DATES_OUT_OF_ORDER', 'input.activityUntil', 'input.activityUntil: cannot be before input.activityFrom'),
  activityInFuture: () => badInput('ACTIVITY_IN_FUTURE', 'input.activityUntil', 'input.activityUntil: a report covers what was done, not what is planned'),
  activityOutsideAgreement: (field: string) =>
    badInput('ACTIVITY_OUTSIDE_AGREEMENT', field, `${field}: must lie inside the agreement's effective period`),
  placeOutsideCommitment: (field: string, code: string) =>
    badInput('PLACE_OUTSIDE_COMMITMENT', field, `${field}: ${code} is not inside the commitment's places`),
  unknownTarget: (i: number) =>
    badInput('UNKNOWN_TARGET', `input.values.${i}.targetId`, `input.values.${i}.targetId: not a target of this commitment`),
  duplicateValue: (i: number) =>
    badInput('DUPLICATE_VALUE', `input.values.${i}.targetId`, `input.values.${i}.targetId: one value per target`),
  totalMismatch: (sum: number, total: number, parts: number[]) =>
    badInput(
      'PEOPLE_TOTAL_MISMATCH',
      'input.people.total',
      `input.people.total: girls + boys + women + men = ${parts.map(n).join(' + ')} = ${n(sum)}, not ${n(total)}`,
    ),
  disabilityExceedsGroup: (group: string) =>
    badInput('DISABILITY_EXCEEDS_GROUP', `input.people.${group}WithDisability`, `input.people.${group}WithDisability: cannot exceed ${group}`),
  badCorrection: () =>
    badInput('INVALID_CORRECTION', 'input.correctsId', 'input.correctsId: must be an ACCEPTED, not yet corrected report of the same commitment'),
  alreadyAccepted: () => conflict('REPORT_ALREADY_ACCEPTED', 'An accepted report never changes; report a correction instead'),
  notEditable: (status: string) => conflict('REPORT_NOT_EDITABLE', `A ${status} report cannot be changed; only drafts and sent-back reports can`),
  notSubmitted: (status: string) => conflict('REPORT_NOT_SUBMITTED', `The report is ${status}; only a SUBMITTED report is reviewed`),
  selfReview: () => forbidden('SELF_REVIEW', 'You submitted this report: someone else must review it'),
  reviewOfOwnAccount: () =>
    forbidden('SELF_REVIEW', 'You created or last set the password of the account that submitted this report: someone else must review it'),
  staleVersion: (current: number) =>
    conflict('STALE_VERSION', `The report was changed meanwhile; it is now at version ${current}`, { currentVersion: current }),
  keyReused: () => conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different request'),
};
