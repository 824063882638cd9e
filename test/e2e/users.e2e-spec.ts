import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Role } from '../../src/common/auth/role.js';
import { createOrganisation } from '../factories/organisation.factory.js';
import { signIn, type SignedIn } from '../utils/auth.js';
import { gqlError, gqlOk } from '../utils/graphql.js';
import { createTestApp, TEST_ENV, type TestApp } from '../utils/test-app.js';

const USER_FIELDS = 'id email displayName role organisationId deactivatedAt version organisation { id name }';
const CREATE = `mutation ($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;
const UPDATE = `mutation ($input: UpdateUserInput!) { updateUser(input: $input) { ${USER_FIELDS} } }`;
const DEACTIVATE = `mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { ${USER_FIELDS} } }`;
const RESET = `mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { id version } }`;
const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }';
const STRONG = 'Lima kambing makan rumput 2023';

describe('user management', () => {
  let t: TestApp;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let orgId: string;
  const count = async (table: string) => Number((await t.db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const newUser = (overrides: Record<string, unknown> = {}) => ({
    email: `user-${Math.random().toString(36).slice(2, 8)}@example.org`,
    displayName: 'Siti Rahma',
    role: 'PARTNER',
    organisationId: orgId,
    password: STRONG,
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, Role.ADMIN);
    coordinator = await signIn(t, Role.COORDINATOR);
    orgId = (await createOrganisation(t, admin.token, { kind: 'UNION_FEDERATION', name: 'PD FSP KEP SPSI Banten' })).id;
  });
  afterAll(() => t.close());

  it('lets an admin create a partner who can then sign in; the history keeps no password', async () => {
    const input = newUser({ email: 'Pelapor@Example.org' });
    const { createUser: user } = await gqlOk(t, CREATE, { input }, admin.token);
    expect(user).toMatchObject({ email: 'pelapor@example.org', role: 'PARTNER', organisation: { name: 'PD FSP KEP SPSI Banten' }, version: 1 });
    await gqlOk(t, LOGIN, { input: { email: 'pelapor@example.org', password: STRONG } });
    const [entry] = await t.db.query(`SELECT action, state::text AS state, changes::text AS changes FROM history_entry WHERE entity_id = $1`, [user.id]);
    expect(entry.action).toBe('USER_CREATED');
    expect(`${entry.state}${entry.changes}`).not.toMatch(/argon2|password|Lima kambing/i);
  });

  it('refuses a weak password with a clear message, and writes nothing', async () => {
    const [users, history] = [await count('user_account'), await count('history_entry')];
    const err = await gqlError(t, CREATE, { input: newUser({ password: 'password123' }) }, admin.token);
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WEAK_PASSWORD' });
    expect(err.extensions.fields[0].path).toBe('input.password');
    expect(err.message).not.toContain('password123');
    const short = await gqlError(t, CREATE, { input: newUser({ password: 'Ab1!xyz' }) }, admin.token);
    expect(short.message).toMatch(/paling sedikit 10 karakter/);
    expect([await count('user_account'), await count('history_entry')]).toEqual([users, history]);
  });

  it('requires an organisation for a partner', async () => {
    const err = await gqlError(t, CREATE, { input: newUser({ organisationId: null }) }, admin.token);
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORGANISATION_REQUIRED' });
  });

  it('refuses a second account with the same email in another case', async () => {
    await gqlOk(t, CREATE, { input: newUser({ email: 'dua@example.org' }) }, admin.token);
    const err = await gqlError(t, CREATE, { input: newUser({ email: 'DUA@example.org' }) }, admin.token);
    expect(err.extensions).toMatchObject({ code: 'CONFLICT', reason: 'EMAIL_TAKEN' });
  });

  it('lets a coordinator manage partner accounts but not grant any other role', async () => {
    const [users, history] = [await count('user_account'), await count('history_entry')];
    for (const role of ['ADMIN', 'COORDINATOR', 'AUDITOR']) {
      const err = await gqlError(t, CREATE, { input: newUser({ role, organisationId: null }) }, coordinator.token);
      expect(err.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTABLE' });
    }
    expect([await count('user_account'), await count('history_entry')]).toEqual([users, history]);
    const { createUser: partner } = await gqlOk(t, CREATE, { input: newUser() }, coordinator.token);
    const promote = await gqlError(t, UPDATE, { input: { id: partner.id, version: partner.version, role: 'ADMIN' } }, coordinator.token);
    expect(promote.extensions.reason).toBe('ROLE_NOT_GRANTABLE');
    const other = await gqlError(t, DEACTIVATE, { input: { id: admin.user.id, version: 1 } }, coordinator.token);
    expect(other.extensions.reason).toBe('ROLE_NOT_GRANTABLE');
  });

  it('updates against the version it was made for; a stale version gets CONFLICT with the current one', async () => {
    const { createUser: user } = await gqlOk(t, CREATE, { input: newUser() }, admin.token);
    const { updateUser } = await gqlOk(t, UPDATE, { input: { id: user.id, version: 1, displayName: 'Siti R.' } }, admin.token);
    expect(updateUser).toMatchObject({ displayName: 'Siti R.', version: 2 });
    const stale = await gqlError(t, UPDATE, { input: { id: user.id, version: 1, displayName: 'Other' } }, admin.token);
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', currentVersion: 2 });
  });

  it('ends every session of a deactivated user at once, and refuses their sign-in', async () => {
    const partner = await signIn(t, Role.PARTNER, { organisationId: orgId });
    await gqlOk(t, '{ me { id } }', {}, partner.token);
    const { deactivateUser } = await gqlOk(t, DEACTIVATE, { input: { id: partner.user.id, version: 1, reason: 'left the union' } }, admin.token);
    expect(deactivateUser.deactivatedAt).not.toBeNull();
    expect((await gqlError(t, '{ me { id } }', {}, partner.token)).extensions.reason).toBe('SESSION_ENDED');
    const login = await gqlError(t, LOGIN, { input: { email: partner.user.email, password: 'correct horse battery staple' } });
    expect(login.extensions.reason).toBe('INVALID_CREDENTIALS');
    const [entry] = await t.db.query(`SELECT reason FROM history_entry WHERE entity_id = $1 AND action = 'USER_DEACTIVATED'`, [partner.user.id]);
    expect(entry.reason).toBe('left the union');
  });

  it('refuses to deactivate oneself', async () => {
    const err = await gqlError(t, DEACTIVATE, { input: { id: admin.user.id, version: 1 } }, admin.token);
    expect(err.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CANNOT_DEACTIVATE_SELF' });
  });

  it('resets a password: old sessions end, the new password works', async () => {
    const partner = await signIn(t, Role.PARTNER, { organisationId: orgId });
    await gqlOk(t, RESET, { input: { id: partner.user.id, version: 1, newPassword: STRONG } }, admin.token);
    expect((await gqlError(t, '{ me { id } }', {}, partner.token)).extensions.reason).toBe('SESSION_ENDED');
    await gqlOk(t, LOGIN, { input: { email: partner.user.email, password: STRONG } });
  });

  it('lists users for admins; coordinators see partner accounts only', async () => {
    const all = await gqlOk(t, '{ users(first: 100) { totalCount edges { node { role } } } }', {}, admin.token);
    expect(new Set(all.users.edges.map((e: any) => e.node.role))).toEqual(new Set(['ADMIN', 'COORDINATOR', 'PARTNER']));
    const mine = await gqlOk(t, '{ users(first: 100) { edges { node { role } } } }', {}, coordinator.token);
    expect(new Set(mine.users.edges.map((e: any) => e.node.role))).toEqual(new Set(['PARTNER']));
  });

  it('creates the first administrator from the command line, with the password from the environment', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, ...TEST_ENV, DATABASE_URL: t.config.database.url, MIGRATION_DATABASE_URL: t.config.database.migrationUrl, MITRA_USER_PASSWORD: STRONG };
    const { stdout } = await run('node', ['dist/cli/user-create.js', '--email', 'Root@Example.org', '--role', 'ADMIN', '--name', 'Root'], { env });
    expect(stdout).toMatch(/Created ADMIN root@example.org/);
    await gqlOk(t, LOGIN, { input: { email: 'root@example.org', password: STRONG } });
    const [entry] = await t.db.query(`SELECT actor_role, actor_name FROM history_entry WHERE action = 'USER_CREATED' ORDER BY seq DESC LIMIT 1`);
    expect(entry).toEqual({ actor_role: 'SYSTEM', actor_name: 'npm run user:create' });
    const weak = await run('node', ['dist/cli/user-create.js', '--email', 'x@example.org', '--role', 'ADMIN'], {
      env: { ...env, MITRA_USER_PASSWORD: 'password1' },
    }).catch((err: { code: number; stderr: string }) => err);
    expect(weak).toMatchObject({ code: 1 });
    expect((weak as { stderr: string }).stderr).toMatch(/too easy to guess|at least 10/);
  });
});
