import { gqlOk } from '../utils/graphql.js';
import type { TestApp } from '../utils/test-app.js';

export const REPORT_FIELDS = `id status version activityFrom activityUntil placeCodes narrative reviewComment periodId correctsId
  values { targetId value } people { girls boys women men withDisability total statedTotal }
  evidence { kind title url sha256 } createdBy { displayName role } submittedBy { displayName } reviewedBy { displayName }`;

/** A valid DRAFT report with a value for the commitment's first target; override what the test is about. */
export async function createReport(
  t: TestApp,
  token: string,
  commitment: { id: string; targets: { id: string }[] },
  overrides: Record<string, unknown> = {},
) {
  const input = {
    commitmentId: commitment.id,
    activityFrom: '2023-05-10',
    activityUntil: '2023-05-11',
    placeCodes: ['36'],
    values: [{ targetId: commitment.targets[0]!.id, value: 10 }],
    people: { women: 6, men: 4 },
    narrative: 'Pelatihan di Serang',
    evidence: [{ kind: 'PHOTO', title: 'Foto kegiatan', url: 'https://example.org/foto.jpg' }],
    ...overrides,
  };
  const data = await gqlOk(t, `mutation ($input: CreateReportInput!) { createReport(input: $input) { ${REPORT_FIELDS} } }`, { input }, token);
  return data.createReport;
}

/** The report's current version, as the acting user sees it (every step names the version it was decided on). */
export const reportVersion = async (t: TestApp, token: string, id: string): Promise<number> =>
  (await gqlOk(t, 'query ($id: ID!) { report(id: $id) { version } }', { id }, token)).report.version;

export const submitReport = async (t: TestApp, token: string, id: string, extra: Record<string, unknown> = {}) =>
  (
    await gqlOk(
      t,
      `mutation ($input: SubmitReportInput!) { submitReport(input: $input) { ${REPORT_FIELDS} } }`,
      { input: { id, version: await reportVersion(t, token, id), ...extra } },
      token,
    )
  ).submitReport;

export const acceptReport = async (t: TestApp, token: string, id: string) =>
  (
    await gqlOk(
      t,
      `mutation ($input: AcceptReportInput!) { acceptReport(input: $input) { ${REPORT_FIELDS} } }`,
      { input: { id, version: await reportVersion(t, token, id) } },
      token,
    )
  ).acceptReport;

/** Created, submitted by `reporter`, accepted by `reviewer`. */
export async function acceptedReport(
  t: TestApp,
  reporter: string,
  reviewer: string,
  commitment: { id: string; targets: { id: string }[] },
  overrides: Record<string, unknown> = {},
) {
  const draft = await createReport(t, reporter, commitment, overrides);
  await submitReport(t, reporter, draft.id);
  return acceptReport(t, reviewer, draft.id);
}
