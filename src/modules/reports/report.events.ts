/**
 * A report was accepted (a correction included), inside the accepting write: what counts for its commitment changed
 * from `acceptedAt` on.
 */
export class ReportAccepted {
  constructor(
    readonly commitmentId: string,
    readonly acceptedAt: Date,
  ) {}
}
