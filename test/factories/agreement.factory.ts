import { randomBytes } from 'node:crypto';
import { gqlOk } from '../utils/graphql.js';
import type { TestApp } from '../utils/test-app.js';
import { createOrganisation } from './organisation.factory.js';

export const AGREEMENT_FIELDS = `id kind reference title status version signedOn effectiveFrom effectiveUntil coveragePlaceCodes renewsId
  parties { role signatoryName organisation { id name } } keyPoints { number text }`;
export const COMMITMENT_FIELDS = `id title category cancelledAt cancellationReason version startOn dueOn keyPointNumber placeCodes reportingSchedule
  responsibleOrganisation { id } targets { id indicator unit baseline targetValue aggregation } periods { id number startsOn endsOn dueOn }`;

export interface TestAgreement {
  id: string;
  version: number;
  status: string;
  reference: string;
  partyIds: string[];
}

/** A DRAFT agreement between two new organisations (or the given parties), with two key points. */
export async function createAgreement(t: TestApp, token: string, overrides: Record<string, unknown> = {}): Promise<TestAgreement> {
  const parties =
    (overrides.parties as unknown[]) ??
    (await Promise.all([createOrganisation(t, token), createOrganisation(t, token)])).map((o) => ({
      organisationId: o.id,
      role: 'SIGNATORY',
      signatoryName: 'Penandatangan',
    }));
  const input = {
    kind: 'MOU',
    reference: `NK/${randomBytes(4).toString('hex')}/2023`,
    title: 'Nota Kesepahaman perlindungan anak',
    thematicAreas: ['CHILD_PROTECTION'],
    effectiveFrom: '2023-03-20',
    effectiveUntil: '2028-03-19',
    coveragePlaceCodes: ['36'],
    keyPoints: [
      { number: 1, text: 'Sosialisasi perlindungan anak' },
      { number: 2, text: 'Pelatihan pencegahan kekerasan terhadap anak' },
    ],
    ...overrides,
    parties,
  };
  const data = await gqlOk(t, `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { ${AGREEMENT_FIELDS} } }`, { input }, token);
  const a = data.createAgreement;
  return { ...a, partyIds: a.parties.map((p: { organisation: { id: string } }) => p.organisation.id) };
}

/** An ACTIVE agreement: created, then signed on its effective start. */
export async function createActiveAgreement(t: TestApp, token: string, overrides: Record<string, unknown> = {}): Promise<TestAgreement> {
  const draft = await createAgreement(t, token, overrides);
  const data = await gqlOk(
    t,
    `mutation ($input: SignAgreementInput!) { signAgreement(input: $input) { ${AGREEMENT_FIELDS} } }`,
    { input: { id: draft.id, version: draft.version, signedOn: (overrides.signedOn as string) ?? '2023-03-20' } },
    token,
  );
  return { ...draft, ...data.signAgreement };
}

/** A commitment of the agreement's first party with one SUM target; override what the test is about. */
export async function addCommitment(t: TestApp, token: string, agreement: TestAgreement, overrides: Record<string, unknown> = {}) {
  const input = {
    agreementId: agreement.id,
    responsibleOrganisationId: agreement.partyIds[0],
    category: 'TRAINING',
    title: 'Pelatihan anggota serikat',
    keyPointNumber: 2,
    startOn: '2023-04-01',
    dueOn: '2024-03-31',
    placeCodes: ['36'],
    targets: [{ indicator: 'Union members trained', unit: 'people', targetValue: 200 }],
    reportingSchedule: 'QUARTERLY',
    ...overrides,
  };
  const data = await gqlOk(t, `mutation ($input: AddCommitmentInput!) { addCommitment(input: $input) { ${COMMITMENT_FIELDS} } }`, { input }, token);
  return data.addCommitment;
}
