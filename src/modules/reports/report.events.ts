/** A report was accepted (a correction included), inside the accepting write: what counts for its commitment changed. */
export class ReportAccepted {
  constructor(readonly commitmentId: string) {}
}
