import { Role } from '../../src/common/auth/role.js';
import { SqlCounter } from '../../src/common/database/sql-counter.js';
import { addCommitment, createActiveAgreement } from '../factories/agreement.factory.js';
import { signIn, type SignedIn } from '../utils/auth.js';
import { gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

/**
 * Each list reads its page in the order of an index and stops at the page's end: EXPLAIN of the very statement the
 * service sent shows no sort (sorting is switched off for the plan, so a sort appears only where no index gives the
 * order). Without its index, a list sorted the whole table on every page (agreements by reference did, at 20,000).
 */
describe('the order of every list comes from an index', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let commitmentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await signIn(t, Role.COORDINATOR);
    const agreement = await createActiveAgreement(t, coordinator.token);
    commitmentId = (await addCommitment(t, coordinator.token, agreement)).id;
  });
  afterAll(() => t.close());

  /** The plan of the statement a page query sent last, as the service's own role sees it. */
  const planOf = async (query: string, variables: Record<string, unknown> = {}): Promise<string> => {
    await gqlOk(t, query, variables, coordinator.token);
    const last = t.app.get(SqlCounter).last!;
    const runner = t.db.createQueryRunner();
    try {
      await runner.query('SET enable_sort = off');
      const rows = (await runner.query(`EXPLAIN ${last.query}`, last.parameters)) as { 'QUERY PLAN': string }[];
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await runner.query('RESET enable_sort');
      await runner.release();
    }
  };

  it.each([
    ['organisations by name', '{ organisations(first: 5) { edges { node { id } } } }', 'idx_organisation_name_order'],
    ['agreements by reference', '{ agreements(first: 5) { edges { node { id } } } }', 'idx_agreement_reference_order'],
    ['commitments by due date', '{ commitments(first: 5) { edges { node { id } } } }', 'idx_commitment_due_order'],
    ['reports by activity', '{ reports(first: 5) { edges { node { id } } } }', 'idx_progress_report_activity_order'],
    ["a commitment's reports by activity", 'query ($id: ID!) { reports(filter: { commitmentId: $id }, first: 5) { edges { node { id } } } }', 'idx_progress_report_commitment_activity_order'],
    ['reports awaiting review by submission', '{ reportsAwaitingReview(first: 5) { edges { node { id } } } }', 'idx_progress_report_review_order'],
    // Judged from the kept rows in a subquery PostgreSQL merges into the page's statement (one holding a WITH was
    // sorted whole first: 40 ms at L for a page of 50).
    ['overdue commitments by due date', '{ overdueCommitments(first: 5) { edges { node { id } } } }', 'idx_commitment_figures_due_order'],
    ['missing reports by due date', '{ missingReports(first: 5) { edges { node { periodId } } } }', 'idx_reporting_period_due_order'],
    ['the audit trail by sequence (its primary key)', '{ auditTrail(first: 5) { edges { node { seq } } } }', 'PK_036409606b9c4057ae0db316eb1'],
  ])('%s', async (_name, query, index) => {
    const plan = await planOf(query, { id: commitmentId });
    expect(plan).not.toMatch(/Sort/);
    expect(plan).toContain(index);
  });
});
