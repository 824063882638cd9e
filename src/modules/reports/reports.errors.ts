import { badInput, conflict, forbidden, notFound, staleVersion } from '../../common/errors/app-error.js';

export const ReportErrors = {
  notFound: (id: string) => notFound('REPORT_NOT_FOUND', id),
  notYourCommitment: () => forbidden('NOT_YOUR_COMMITMENT'),
  commitmentCancelled: () => badInput('COMMITMENT_CANCELLED.report', 'input.commitmentId'),
  agreementNotActive: (status: string) => badInput('AGREEMENT_NOT_ACTIVE.report', 'input.commitmentId', { status }),
  unknownPeriod: () => badInput('UNKNOWN_PERIOD', 'input.periodId'),
  activityOrder: () => badInput('ACTIVITY_DATES_OUT_OF_ORDER', 'input.activityUntil'),
  activityInFuture: () => badInput('ACTIVITY_IN_FUTURE', 'input.activityUntil'),
  activityOutsideAgreement: (field: string) => badInput('ACTIVITY_OUTSIDE_AGREEMENT', field),
  placeOutsideCommitment: (field: string, code: string) => badInput('PLACE_OUTSIDE_COMMITMENT', field, { code }),
  unknownTarget: (i: number) => badInput('UNKNOWN_TARGET', `input.values.${i}.targetId`),
  duplicateValue: (i: number) => badInput('DUPLICATE_VALUE', `input.values.${i}.targetId`),
  totalMismatch: (sum: number, total: number, parts: number[]) =>
    badInput('PEOPLE_TOTAL_MISMATCH', 'input.people.total', { parts, sum, total }),
  disabilityExceedsGroup: (group: string) =>
    badInput('DISABILITY_EXCEEDS_GROUP', `input.people.${group}WithDisability`, { group }),
  badCorrection: () => badInput('INVALID_CORRECTION', 'input.correctsId'),
  alreadyAccepted: () => conflict('REPORT_ALREADY_ACCEPTED'),
  notEditable: (status: string) => conflict('REPORT_NOT_EDITABLE', { status }),
  notSubmitted: (status: string) => conflict('REPORT_NOT_SUBMITTED', { status }),
  selfReview: () => forbidden('SELF_REVIEW'),
  reviewOfOwnAccount: () => forbidden('SELF_REVIEW.account'),
  staleVersion: (current: number) => staleVersion('STALE_VERSION.report', current),
  keyReused: () => conflict('IDEMPOTENCY_KEY_REUSED'),
  userRequired: () => forbidden('USER_REQUIRED'),
};
