/** A commitment's targets were set (created, replaced, carried over), inside that write: kept figures follow. */
export class CommitmentTargetsSet {
  constructor(readonly commitmentId: string) {}
}
