/** The README's example queries, preloaded in the IDE as named tabs (a test checks they are the README's). */
export const IDE_EXAMPLES: { name: string; query: string }[] = [
  {
    name: 'The coordinator’s dashboard',
    query: `query Dashboard {
  byOrganisation: fulfilmentSummary(groupBy: ORGANISATION, filter: { placeCode: "36" }, first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { label commitments notStarted onTrack atRisk overdue fulfilled cancelled peopleReached { girls boys women men withDisability total } } }
  }
  byCategory: fulfilmentSummary(groupBy: CATEGORY) { edges { node { key commitments onTrack atRisk overdue fulfilled } } }
  overdueCommitments(first: 10) {
    totalCount
    edges { node { title dueOn responsibleOrganisation { name } fulfilment { progressPercent } } }
  }
  missingReports(first: 10) {
    totalCount
    edges { node { dueOn daysOverdue periodNumber commitment { title responsibleOrganisation { name } } } }
  }
  reportsAwaitingReview(first: 10) {
    totalCount
    edges { node { id activityUntil submittedAt organisation { name } commitment { title } people { total } } }
  }
}`,
  },
  {
    name: 'An auditor’s as-of read (put an agreement id in place of …)',
    query: `{ agreement(id: "…", asOf: "2024-01-01T00:00:00+07:00") { status title keyPoints { number text } commitments { title status fulfilment { progressPercent targets { indicator achieved } } } } }`,
  },
  {
    name: 'A partnership’s timeline (put an agreement id in place of …)',
    query: `{ partnershipTimeline(agreementId: "…", first: 20) { edges { node { occurredAt kind summary comment actor { name role } } } pageInfo { endCursor hasNextPage } } }`,
  },
  {
    name: 'The audit head (keep it outside Mitra)',
    query: `{ auditHead { seq hash } }`,
  },
  {
    name: 'Verify the history against a kept head',
    query: `{ verifyAuditTrail(head: { seq: 1234, hash: "…" }) { valid checked firstInvalidSeq problem headMatches } }`,
  },
];
