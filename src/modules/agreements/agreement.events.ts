import type { AgreementEntity } from './agreement.entity.js';

/**
 * An agreement was renewed by a new DRAFT, inside the renewing write. Later features act on it in the same
 * transaction (commitments copies the open commitments), so agreements need not know them.
 */
export class AgreementRenewed {
  constructor(
    readonly sourceId: string,
    readonly renewal: AgreementEntity,
  ) {}
}

/** An agreement was written (created, edited, signed, amended, terminated, expired), inside that write. */
export class AgreementChanged {
  constructor(readonly agreementId: string) {}
}
