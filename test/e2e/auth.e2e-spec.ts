import request from 'supertest';
import { JwtService } from '@nestjs/jwt';
import { Role } from '../../src/common/auth/role.js';
import { createOrganisation } from '../factories/organisation.factory.js';
import { signIn, TEST_PASSWORD } from '../utils/auth.js';
import { gql, gqlError, gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { email role } } }';
const REFRESH = 'mutation ($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken refreshToken } }';
const ME = '{ me { email role organisation { name } } }';

describe('sign-in and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('signs in with email in any case and returns the user with their organisation', async () => {
    const admin = await signIn(t, Role.ADMIN);
    const org = await createOrganisation(t, admin.token, { name: 'Komnas Perlindungan Anak Provinsi Banten' });
    const partner = await signIn(t, Role.PARTNER, { organisationId: org.id, email: 'reporter@example.org' });
    const data = await gqlOk(t, LOGIN, { input: { email: ' Reporter@Example.ORG ', password: TEST_PASSWORD } });
    expect(data.login.user).toEqual({ email: 'reporter@example.org', role: 'PARTNER' });
    const me = await gqlOk(t, ME, {}, partner.token);
    expect(me.me).toEqual({ email: 'reporter@example.org', role: 'PARTNER', organisation: { name: org.name } });
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const user = await signIn(t, Role.COORDINATOR);
    const wrong = await gqlError(t, LOGIN, { input: { email: user.user.email, password: 'not the password' } });
    const unknown = await gqlError(t, LOGIN, { input: { email: 'nobody@example.org', password: 'not the password' } });
    expect(wrong.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
    expect({ message: unknown.message, extensions: unknown.extensions }).toEqual({ message: wrong.message, extensions: wrong.extensions });
  });

  it('refuses a forged token, an expired token and a malformed header', async () => {
    const user = await signIn(t, Role.COORDINATOR);
    const claims = JSON.parse(Buffer.from(user.token.split('.')[1]!, 'base64url').toString()) as { sub: string; sid: string };
    const forged = new JwtService({ secret: 'another-secret-of-at-least-32-characters!!' }).sign({ sub: claims.sub, sid: claims.sid });
    expect((await gqlError(t, ME, {}, forged)).extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_TOKEN' });
    const expired = t.app.get(JwtService).sign({ sub: claims.sub, sid: claims.sid }, { expiresIn: -10 });
    expect((await gqlError(t, ME, {}, expired)).extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
    const res = await gql(t, ME, {}, 'not-a-jwt');
    expect(res.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('rotates the refresh token: the new pair works, the old refresh token does not', async () => {
    const user = await signIn(t, Role.COORDINATOR);
    const first = await gqlOk(t, REFRESH, { input: { refreshToken: user.refreshToken } });
    expect(first.refreshSession.refreshToken).not.toBe(user.refreshToken);
    await gqlOk(t, ME, {}, first.refreshSession.accessToken);
    const second = await gqlOk(t, REFRESH, { input: { refreshToken: first.refreshSession.refreshToken } });
    await gqlOk(t, ME, {}, second.refreshSession.accessToken);
  });

  it('revokes the whole session when an old refresh token is used again', async () => {
    const user = await signIn(t, Role.COORDINATOR);
    const rotated = await gqlOk(t, REFRESH, { input: { refreshToken: user.refreshToken } });
    const reuse = await gqlError(t, REFRESH, { input: { refreshToken: user.refreshToken } });
    expect(reuse.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REFRESH_TOKEN_REUSED' });
    // Every token of the family is dead now, including the legitimate newest one.
    const next = await gqlError(t, REFRESH, { input: { refreshToken: rotated.refreshSession.refreshToken } });
    expect(next.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
    expect((await gqlError(t, ME, {}, rotated.refreshSession.accessToken)).extensions.reason).toBe('SESSION_ENDED');
  });

  it('refuses a made-up refresh token', async () => {
    const user = await signIn(t, Role.COORDINATOR);
    const [session, generation] = user.refreshToken.split('.');
    const guessed = `${session}.${generation}.${'A'.repeat(43)}`;
    expect((await gqlError(t, REFRESH, { input: { refreshToken: guessed } })).extensions.reason).toBe('INVALID_REFRESH_TOKEN');
    expect((await gqlError(t, REFRESH, { input: { refreshToken: 'garbage' } })).extensions.reason).toBe('INVALID_REFRESH_TOKEN');
  });

  it('stores refresh tokens only as hashes', async () => {
    const user = await signIn(t, Role.COORDINATOR);
    const secret = user.refreshToken.split('.')[2]!;
    const rows = await t.db.query(`SELECT count(*) AS n FROM user_session WHERE refresh_token_hash LIKE '%' || $1 || '%'`, [secret.slice(0, 20)]);
    expect(Number(rows[0].n)).toBe(0);
  });

  it('ends the session on logout: access and refresh tokens stop working', async () => {
    const user = await signIn(t, Role.AUDITOR);
    expect((await gqlOk(t, 'mutation { logout }', {}, user.token)).logout).toBe(true);
    expect((await gqlError(t, ME, {}, user.token)).extensions.reason).toBe('SESSION_ENDED');
    expect((await gqlError(t, REFRESH, { input: { refreshToken: user.refreshToken } })).extensions.reason).toBe('SESSION_ENDED');
  });
});

describe('sign-in limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW_SECONDS: '60' });
  });
  afterAll(() => t.close());

  it('limits attempts per account, with a clear code, even with the right password afterwards', async () => {
    const user = await signIn(t, Role.COORDINATOR);
    for (let i = 0; i < 3; i++) await gqlError(t, LOGIN, { input: { email: user.user.email, password: 'wrong password' } });
    const limited = await gqlError(t, LOGIN, { input: { email: user.user.email, password: TEST_PASSWORD } });
    expect(limited.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'TOO_MANY_LOGIN_ATTEMPTS' });
    expect(limited.extensions.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('does not let failures from one address lock the account out for its owner elsewhere', async () => {
    const user = await signIn(t, Role.COORDINATOR);
    const from = (address: string, password: string) =>
      request(t.app.getHttpServer())
        .post('/graphql')
        .set('x-forwarded-for', address)
        .send({ query: LOGIN, variables: { input: { email: user.user.email, password } } });
    for (let i = 0; i < 3; i++) await from('203.0.113.7', 'wrong password');
    const attacker = await from('203.0.113.7', TEST_PASSWORD);
    expect(attacker.body.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
    const owner = await from('198.51.100.20', TEST_PASSWORD);
    expect(owner.body.data.login.accessToken).toEqual(expect.any(String));
  });

  it('limits attempts per client address across accounts', async () => {
    // 3 per account, 15 per address: spread over many accounts, the address runs out first.
    const codes: string[] = [];
    for (let i = 0; i < 16; i++) {
      const err = await gqlError(t, LOGIN, { input: { email: `someone${i}@example.org`, password: 'wrong password' } });
      codes.push(err.extensions.code);
    }
    expect(codes.at(-1)).toBe('TOO_MANY_REQUESTS');
    expect(codes.filter((c) => c === 'UNAUTHENTICATED').length).toBeLessThan(16);
  });
});
