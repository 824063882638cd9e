import { randomBytes } from 'node:crypto';
import { Role } from '../../src/common/auth/role.js';
import { PasswordService } from '../../src/modules/users/password.service.js';
import { UserEntity } from '../../src/modules/users/user.entity.js';
import { gqlOk } from './graphql.js';
import type { TestApp } from './test-app.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface SignedIn {
  token: string;
  refreshToken: string;
  user: { id: string; email: string; role: Role; organisationId: string | null; displayName: string };
}

/** Puts a user straight into the database (the first admin has to come from somewhere), then signs in over HTTP. */
export async function signIn(
  t: TestApp,
  role: Role,
  options: { organisationId?: string | null; displayName?: string; email?: string } = {},
): Promise<SignedIn> {
  const email = options.email ?? `${role.toLowerCase()}-${randomBytes(4).toString('hex')}@example.org`;
  const passwordHash = await t.app.get(PasswordService).hash(TEST_PASSWORD);
  // A partner always acts for an organisation (the database insists): give one a fresh organisation of its own.
  const organisationId =
    options.organisationId ??
    (role === Role.PARTNER
      ? (await t.db.query(`INSERT INTO organisation (kind, name, version) VALUES ('NGO', $1, 1) RETURNING id`, [`Mitra uji ${randomBytes(4).toString('hex')}`]))[0].id
      : null);
  const user = await t.db.getRepository(UserEntity).save({
    email,
    displayName: options.displayName ?? `Test ${role.toLowerCase()}`,
    role,
    organisationId,
    passwordHash,
    deactivatedAt: null,
  });
  const data = await gqlOk<{ login: { accessToken: string; refreshToken: string } }>(
    t,
    `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`,
    { input: { email, password: TEST_PASSWORD } },
  );
  return {
    token: data.login.accessToken,
    refreshToken: data.login.refreshToken,
    user: { id: user.id, email, role, organisationId: user.organisationId, displayName: user.displayName },
  };
}
