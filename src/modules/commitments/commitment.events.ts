/** A commitment was written (created, edited, cancelled, carried over), with its targets, inside that write: kept figures follow. */
export class CommitmentChanged {
  constructor(readonly commitmentId: string) {}
}
