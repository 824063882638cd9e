import { registerEnumType } from '@nestjs/graphql';
import { today } from '../../common/time/calendar.js';
import { StoredAgreementStatus, type AgreementEntity } from './agreement.entity.js';

/** What clients see: the stored status, with EXPIRED following from the dates. */
export enum AgreementStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  TERMINATED = 'TERMINATED',
}
registerEnumType(AgreementStatus, { name: 'AgreementStatus' });

/** An ACTIVE agreement is EXPIRED from the day after its effectiveUntil (in WIB), without anyone acting. */
export function agreementStatus(a: Pick<AgreementEntity, 'status' | 'effectiveUntil'>, on = today()): AgreementStatus {
  if (a.status === StoredAgreementStatus.ACTIVE && a.effectiveUntil !== null && a.effectiveUntil < on) {
    return AgreementStatus.EXPIRED;
  }
  return a.status as unknown as AgreementStatus;
}

/** The same rule in SQL, for filters and roll-ups; `today` is a bound parameter (YYYY-MM-DD). */
export const agreementStatusSql = (alias: string, todayParam = ':today') =>
  statusOnSql(`${alias}.status::text`, `${alias}.effective_until`, todayParam);

/** The rule on any two expressions: the stored status and the end date (a history state's fields, say). */
export const statusOnSql = (status: string, effectiveUntil: string, dayParam: string) =>
  `(CASE WHEN ${status} = 'ACTIVE' AND ${effectiveUntil} < ${dayParam}::date THEN 'EXPIRED' ELSE ${status} END)`;
