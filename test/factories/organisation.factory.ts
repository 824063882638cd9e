import { randomBytes } from 'node:crypto';
import { gqlOk } from '../utils/graphql.js';
import type { TestApp } from '../utils/test-app.js';

export const ORGANISATION_FIELDS = 'id kind name shortName placeCode parentId status version contacts { name role email phone }';

/** Creates a valid organisation through the API; override only what the test is about. */
export async function createOrganisation(
  t: TestApp,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; name: string; kind: string; placeCode: string | null; version: number }> {
  const input = {
    kind: 'NGO',
    name: `Yayasan Uji ${randomBytes(3).toString('hex')}`,
    placeCode: '36',
    ...overrides,
  };
  const data = await gqlOk<{ createOrganisation: any }>(
    t,
    `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { ${ORGANISATION_FIELDS} } }`,
    { input },
    token,
  );
  return data.createOrganisation;
}
