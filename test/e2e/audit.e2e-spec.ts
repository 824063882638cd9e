import { SqlCounter } from '../../src/common/database/sql-counter.js';
import { Role } from '../../src/common/auth/role.js';
import type { HistoryEntryEntity } from '../../src/common/history/history-entry.entity.js';
import { entryHash, GENESIS_HASH } from '../../src/common/history/history-hash.js';
import { createOrganisation } from '../factories/organisation.factory.js';
import { signIn, type SignedIn } from '../utils/auth.js';
import { gqlError, gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

const TRAIL = `query ($filter: AuditTrailFilter, $order: AuditOrder, $first: Int, $after: String) {
  auditTrail(filter: $filter, order: $order, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { seq action entityType entityId reason organisationIds actor { userId role name } changes { field before after } state hash prevHash } } } }`;
const VERIFY = `query ($from: Int, $to: Int, $head: KeptHeadInput) {
  verifyAuditTrail(from: $from, to: $to, head: $head) { valid checked firstInvalidSeq problem headMatches } }`;
const HEAD = '{ auditHead { seq hash } }';
const UPDATE_ORG = 'mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id version } }';

describe('history of every change', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let auditor: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await signIn(t, Role.COORDINATOR, { displayName: 'Dewi Koordinator' });
    auditor = await signIn(t, Role.AUDITOR);
  });
  afterAll(() => t.close());

  it('keeps the history append-only: the service’s own role may only read and append it', async () => {
    await createOrganisation(t, coordinator.token);
    for (const sql of [
      `UPDATE history_entry SET reason = 'edited'`,
      'DELETE FROM history_entry',
      'TRUNCATE history_entry',
      'ALTER TABLE history_entry DISABLE TRIGGER USER',
      'ALTER TABLE history_entry DISABLE TRIGGER ALL',
      'DROP TABLE history_entry',
    ]) {
      await expect(t.db.query(sql)).rejects.toThrow(/permission denied|must be owner/);
    }
    // The owner, who runs the migrations, is stopped by the trigger (unless it disables it: see "tampering").
    await expect(t.ownerQuery(`UPDATE history_entry SET reason = 'edited'`)).rejects.toThrow(/append-only/);
    await expect(t.ownerQuery('DELETE FROM history_entry')).rejects.toThrow(/append-only/);
    await expect(t.ownerQuery('TRUNCATE history_entry')).rejects.toThrow(/append-only/);
  });

  it('shows who changed what, with before and after values, the reason and the full state', async () => {
    const org = await createOrganisation(t, coordinator.token, { name: 'Yayasan Lama' });
    await gqlOk(t, UPDATE_ORG, { input: { id: org.id, version: org.version, name: 'Yayasan Baru' } }, coordinator.token);
    await gqlOk(t, 'mutation ($input: ArchiveOrganisationInput!) { archiveOrganisation(input: $input) { id } }', { input: { id: org.id, version: org.version + 1, reason: 'merged into another foundation' } }, coordinator.token);
    const { auditTrail } = await gqlOk(t, TRAIL, { filter: { entityId: org.id }, order: 'OLDEST_FIRST' }, auditor.token);
    const nodes = auditTrail.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => n.action)).toEqual(['ORGANISATION_CREATED', 'ORGANISATION_UPDATED', 'ORGANISATION_ARCHIVED']);
    expect(nodes[1].actor).toEqual({ userId: coordinator.user.id, role: 'COORDINATOR', name: 'Dewi Koordinator' });
    expect(nodes[1].changes).toEqual(expect.arrayContaining([{ field: 'name', before: 'Yayasan Lama', after: 'Yayasan Baru' }]));
    expect(nodes[2].reason).toBe('merged into another foundation');
    expect(nodes[2].state).toMatchObject({ id: org.id, name: 'Yayasan Baru' });
  });

  it('reads changes and state of a page only when asked, in one statement for the whole page', async () => {
    const org = await createOrganisation(t, coordinator.token, { name: 'Yayasan Halaman' });
    let version = org.version;
    for (let i = 0; i < 4; i++) {
      version = (await gqlOk(t, UPDATE_ORG, { input: { id: org.id, version, address: `Jalan ${i}` } }, coordinator.token)).updateOrganisation.version;
    }
    const counter = t.app.get(SqlCounter);
    const read = async (fields: string) => {
      counter.recorded = [];
      const { auditTrail } = await gqlOk(t, `query ($f: AuditTrailFilter) { auditTrail(filter: $f, first: 10, order: OLDEST_FIRST) { edges { node { ${fields} } } } }`, { f: { entityId: org.id } }, auditor.token);
      const statements = counter.recorded;
      counter.recorded = undefined;
      return { nodes: auditTrail.edges.map((e: any) => e.node), statements };
    };
    const light = await read('seq action');
    expect(light.nodes).toHaveLength(5);
    expect(light.statements.filter((sql) => sql.includes('history_entry'))).toHaveLength(1);
    expect(light.statements.some((sql) => /"state"|"changes"/.test(sql))).toBe(false);
    const full = await read('seq changes { field before after } state');
    expect(full.statements.filter((sql) => sql.includes('history_entry'))).toHaveLength(2);
    expect(full.nodes.map((n: any) => n.seq)).toEqual(light.nodes.map((n: any) => n.seq));
    expect(full.nodes[4].changes).toEqual(expect.arrayContaining([{ field: 'address', before: 'Jalan 2', after: 'Jalan 3' }]));
    expect(full.nodes[4].state).toMatchObject({ id: org.id, name: 'Yayasan Halaman', address: 'Jalan 3' });
    expect(full.nodes[0].changes.length).toBeGreaterThan(0);
  });

  it('filters the trail and pages through it newest first, without gaps or repeats', async () => {
    const org = await createOrganisation(t, coordinator.token);
    let version = org.version;
    for (let i = 0; i < 5; i++) {
      version = (await gqlOk(t, UPDATE_ORG, { input: { id: org.id, version, address: `Jalan ${i}` } }, coordinator.token)).updateOrganisation.version;
    }
    const seen: number[] = [];
    let after: string | undefined;
    do {
      const { auditTrail } = await gqlOk(t, TRAIL, { filter: { organisationId: org.id, action: 'ORGANISATION_UPDATED' }, first: 2, after }, auditor.token);
      expect(auditTrail.totalCount).toBe(5);
      seen.push(...auditTrail.edges.map((e: any) => e.node.seq));
      after = auditTrail.pageInfo.hasNextPage ? auditTrail.pageInfo.endCursor : undefined;
    } while (after);
    expect(seen).toHaveLength(5);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    const byActor = await gqlOk(t, TRAIL, { filter: { actorId: coordinator.user.id, entityType: 'Organisation', from: new Date(Date.now() - 60_000).toISOString() } }, auditor.token);
    expect(byActor.auditTrail.totalCount).toBeGreaterThanOrEqual(6);
    const future = await gqlOk(t, TRAIL, { filter: { from: new Date(Date.now() + 60_000).toISOString() } }, auditor.token);
    expect(future.auditTrail.totalCount).toBe(0);
  });

  it('shows a record as it stood at a past moment', async () => {
    const org = await createOrganisation(t, coordinator.token, { name: 'APSAI Kota Pekalongan (draf)' });
    const between = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await gqlOk(t, UPDATE_ORG, { input: { id: org.id, version: org.version, name: 'APSAI Kota Pekalongan' } }, coordinator.token);
    const q = 'query ($id: ID!, $at: DateTime!) { recordAt(entityType: "Organisation", entityId: $id, at: $at) { action state } }';
    const then = await gqlOk(t, q, { id: org.id, at: between.toISOString() }, auditor.token);
    expect(then.recordAt.state.name).toBe('APSAI Kota Pekalongan (draf)');
    const now = await gqlOk(t, q, { id: org.id, at: new Date().toISOString() }, auditor.token);
    expect(now.recordAt.state.name).toBe('APSAI Kota Pekalongan');
  });

  it('lets a partner read the history of their own organisation’s records only', async () => {
    const own = await createOrganisation(t, coordinator.token);
    const other = await createOrganisation(t, coordinator.token);
    const partner = await signIn(t, Role.PARTNER, { organisationId: own.id });
    const history = 'query ($id: ID!) { history(entityType: "Organisation", entityId: $id) { totalCount edges { node { entityId changes { field } state } } } }';
    const mine = (await gqlOk(t, history, { id: own.id }, partner.token)).history;
    expect(mine.totalCount).toBe(1);
    // Changes and state are read for the page in a statement of their own: in the same scope.
    expect(mine.edges.map((e: any) => [e.node.entityId, e.node.state.id, e.node.changes.length > 0])).toEqual([[own.id, own.id, true]]);
    expect((await gqlOk(t, history, { id: other.id }, partner.token)).history).toEqual({ totalCount: 0, edges: [] });
    const trail = await gqlOk(t, TRAIL, { first: 100 }, partner.token);
    expect(trail.auditTrail.edges.every((e: any) => e.node.organisationIds.includes(own.id))).toBe(true);
    const organisations = trail.auditTrail.edges.filter((e: any) => e.node.entityType === 'Organisation');
    expect(organisations.length).toBeGreaterThan(0);
    expect(organisations.every((e: any) => e.node.state.id === e.node.entityId && e.node.entityId !== other.id)).toBe(true);
  });

  it('keeps verification and the head for auditors and administrators', async () => {
    for (const query of [VERIFY, HEAD]) {
      expect((await gqlError(t, query, {}, coordinator.token)).extensions.code).toBe('FORBIDDEN');
    }
  });

  it('never forks or leaves a gap under 50 concurrent changes, and the chain verifies', async () => {
    const before = (await gqlOk(t, HEAD, {}, auditor.token)).auditHead.seq;
    await Promise.all(Array.from({ length: 50 }, () => createOrganisation(t, coordinator.token)));
    const rows: { seq: string }[] = await t.db.query('SELECT seq FROM history_entry ORDER BY seq');
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(rows.length).toBe(before + 50);
    const { verifyAuditTrail } = await gqlOk(t, VERIFY, {}, auditor.token);
    expect(verifyAuditTrail).toEqual({ valid: true, checked: rows.length, firstInvalidSeq: null, problem: null, headMatches: null });
  });
});

describe('tampering', () => {
  let t: TestApp;
  let auditor: SignedIn;
  const asOwner = (sql: string) => t.ownerQuery(sql);
  const withTriggersOff = (sql: string) =>
    asOwner(`BEGIN; ALTER TABLE history_entry DISABLE TRIGGER USER; ${sql}; ALTER TABLE history_entry ENABLE TRIGGER USER; COMMIT;`);

  beforeAll(async () => {
    t = await createTestApp();
    const coordinator = await signIn(t, Role.COORDINATOR);
    auditor = await signIn(t, Role.AUDITOR);
    for (let i = 0; i < 8; i++) await createOrganisation(t, coordinator.token);
  });
  afterAll(() => t.close());

  it('names exactly the entry that was edited in SQL by the database owner', async () => {
    const kept = (await gqlOk(t, HEAD, {}, auditor.token)).auditHead;
    expect((await gqlOk(t, VERIFY, { head: kept }, auditor.token)).verifyAuditTrail).toMatchObject({ valid: true, headMatches: true });
    await withTriggersOff(`UPDATE history_entry SET state = jsonb_set(state, '{name}', '"Edited"') WHERE seq = 5`);
    const { verifyAuditTrail } = await gqlOk(t, VERIFY, {}, auditor.token);
    expect(verifyAuditTrail).toMatchObject({ valid: false, firstInvalidSeq: 5, problem: 'CONTENT_CHANGED', checked: 4 });
    const later = await gqlOk(t, VERIFY, { from: 6 }, auditor.token);
    expect(later.verifyAuditTrail.valid).toBe(true);
  });

  it('catches a rewritten chain with the head an auditor kept outside the system', async () => {
    const kept = (await gqlOk(t, HEAD, {}, auditor.token)).auditHead;
    // The owner recomputes every hash after the edit: the chain is consistent again on its own...
    const entries = (await t.db.query('SELECT seq FROM history_entry ORDER BY seq')) as { seq: string }[];
    const repo = t.db.getRepository<HistoryEntryEntity>('HistoryEntryEntity');
    let prev = GENESIS_HASH;
    const updates: string[] = [];
    for (const { seq } of entries) {
      const entry = (await repo.findOneByOrFail({ seq: Number(seq) })) as HistoryEntryEntity;
      const hash = entryHash(prev, entry);
      updates.push(`UPDATE history_entry SET prev_hash = '${prev}', hash = '${hash}' WHERE seq = ${entry.seq}`);
      prev = hash;
    }
    await withTriggersOff(updates.join('; '));
    expect((await gqlOk(t, VERIFY, {}, auditor.token)).verifyAuditTrail.valid).toBe(true);
    // ...but it no longer passes through the head the auditor noted before.
    const { verifyAuditTrail } = await gqlOk(t, VERIFY, { head: kept }, auditor.token);
    expect(verifyAuditTrail).toMatchObject({ valid: false, headMatches: false, problem: 'HEAD_MISMATCH', firstInvalidSeq: kept.seq });
  });

  it('reports a deleted entry as a gap', async () => {
    await withTriggersOff('DELETE FROM history_entry WHERE seq = 3');
    const { verifyAuditTrail } = await gqlOk(t, VERIFY, {}, auditor.token);
    expect(verifyAuditTrail).toMatchObject({ valid: false, firstInvalidSeq: 3, problem: 'GAP' });
  });
});
