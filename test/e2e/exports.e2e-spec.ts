import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { Role } from '../../src/common/auth/role.js';
import { addCommitment, createActiveAgreement } from '../factories/agreement.factory.js';
import { createOrganisation } from '../factories/organisation.factory.js';
import { acceptedReport } from '../factories/report.factory.js';
import { signIn, type SignedIn } from '../utils/auth.js';
import { gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

const run = promisify(execFile);
const verifyFile = (file: string, ...args: string[]) =>
  run(process.execPath, ['dist/cli/audit-verify.js', file, ...args]).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }),
  );

describe('exports', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let auditor: SignedIn;
  let dir: string;
  let commitment: { id: string; targets: { id: string }[] };

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await signIn(t, Role.COORDINATOR);
    auditor = await signIn(t, Role.AUDITOR);
    dir = await mkdtemp(join(tmpdir(), 'mitra-exports-'));
    const formula = await createOrganisation(t, coordinator.token, { name: '=HYPERLINK("http://x","Yayasan")' });
    await gqlOk(t, 'mutation ($input: ArchiveOrganisationInput!) { archiveOrganisation(input: $input) { id } }', { input: { id: formula.id, version: 1, reason: "=cmd|' /C calc'!A0" } }, coordinator.token);
    const agreement = await createActiveAgreement(t, coordinator.token);
    commitment = await addCommitment(t, coordinator.token, agreement);
    await acceptedReport(t, coordinator.token, (await signIn(t, Role.COORDINATOR)).token, commitment, { narrative: '+SUM(1,2) Pelatihan di Serang' });
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A download in the service's default language (Indonesian) or the one asked for. */
  const download = (path: string, token: string, language?: string) =>
    request(t.app.getHttpServer()).get(path).set('authorization', `Bearer ${token}`).set(language ? { 'accept-language': language } : {}).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

  it('exports the audit trail as CSV that the offline check verifies, and names the first row that was changed', async () => {
    const res = await download('/exports/audit-trail?format=csv', auditor.token);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const csv = (res.body as Buffer).toString('utf8');
    expect(csv.startsWith('\uFEFFUrutan,Waktu kejadian,Id pengguna pelaku')).toBe(true);
    expect(res.headers['content-language']).toBe('id');
    // The formula in a reason is neutralised for spreadsheets, and still verifies.
    expect(csv).toContain(`,'=cmd|' /C calc'!A0,`);
    const file = join(dir, 'trail.csv');
    await writeFile(file, csv);
    const ok = await verifyFile(file);
    expect(ok).toEqual({ code: 0, out: expect.stringMatching(/^Valid: \d+ entries, seq 1 to \d+/) });

    // The same trail with English headers verifies just as well.
    const english = ((await download('/exports/audit-trail', auditor.token, 'en-GB,en;q=0.8')).body as Buffer).toString('utf8');
    expect(english.startsWith('\uFEFFSequence,Occurred at,Actor user id')).toBe(true);
    await writeFile(join(dir, 'trail-en.csv'), english);
    expect((await verifyFile(join(dir, 'trail-en.csv'))).code).toBe(0);

    const { auditHead } = await gqlOk(t, '{ auditHead { seq hash } }', {}, auditor.token);
    expect((await verifyFile(file, '--head', `${auditHead.seq}:${auditHead.hash}`)).code).toBe(0);
    expect((await verifyFile(file, '--head', `${auditHead.seq}:${'0'.repeat(64)}`)).out).toMatch(/HEAD_MISMATCH/);

    const lines = csv.split('\r\n');
    lines[3] = lines[3]!.replace(/,(COORDINATOR|SYSTEM),/, ',ADMIN,');
    const tampered = join(dir, 'tampered.csv');
    await writeFile(tampered, lines.join('\r\n'));
    expect(await verifyFile(tampered)).toEqual({ code: 1, out: expect.stringMatching(/^CONTENT_CHANGED at row 4 \(seq 3\)/) });
  });

  it('exports reports as XLSX with a frozen header, typed numbers and dates, and formulas neutralised', async () => {
    const res = await download('/exports/reports?format=xlsx', coordinator.token, 'en');
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['Report', 'Agreement', 'Status', 'Total people', 'Values', 'Activity from']));
    const row = sheet.getRow(2);
    const at = (name: string) => row.getCell(header.indexOf(name) + 1).value;
    expect(at('Total people')).toBe(10);
    expect(at('Status')).toBe('Accepted');
    expect(at('Activity from')).toBeInstanceOf(Date);
    expect(at('Narrative')).toBe("'+SUM(1,2) Pelatihan di Serang");
    expect(at('Values')).toBe('Union members trained: 10.00 people');
  });

  it('exports fulfilment per target as of a day, and agreements with their commitments', async () => {
    const now = ((await download('/exports/fulfilment?format=csv', coordinator.token, 'en')).body as Buffer).toString('utf8').split('\r\n');
    expect(now[0]).toBe('\uFEFFAgreement,Commitment,Organisation,Category,Due on,Status,Progress (%),Indicator,Unit,Target,Achieved,Achieved (%)');
    const indonesian = ((await download('/exports/fulfilment?format=csv', coordinator.token)).body as Buffer).toString('utf8').split('\r\n');
    expect(indonesian[0]).toBe('\uFEFFPerjanjian,Komitmen,Organisasi,Kategori,Tenggat,Status,Kemajuan (%),Indikator,Satuan,Target,Capaian,Capaian (%)');
    expect(indonesian.find((l) => l.includes('Pelatihan anggota serikat'))).toMatch(/,Pelatihan,\d{4}-\d{2}-\d{2},(Sesuai jalur|Berisiko|Belum dimulai|Lewat tenggat),/);
    expect(now.find((l) => l.includes('Pelatihan anggota serikat'))).toMatch(/,Union members trained,people,200,10,5(\.00)?$/);
    const before = ((await download('/exports/fulfilment?format=csv&asOf=2023-01-01', coordinator.token)).body as Buffer).toString('utf8');
    expect(before.trim().split('\r\n')).toHaveLength(1); // nothing was signed yet
    const bad = await request(t.app.getHttpServer()).get('/exports/fulfilment?asOf=yesterday').set('authorization', `Bearer ${coordinator.token}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_DATE', fields: [{ path: 'asOf' }] });
    expect(bad.body.errors[0].message).toBe('asOf: tanggal kalender dengan format YYYY-MM-DD');
    const agreements = ((await download('/exports/agreements', coordinator.token, 'en')).body as Buffer).toString('utf8');
    expect(agreements).toMatch(/,Pelatihan anggota serikat,Training,.*,2023-04-01,2024-03-31,,Union members trained: 200\.00 people\r\n/);
  });

  it('shows a partner only their own organisation’s reports, and refuses anonymous callers with a code', async () => {
    const other = await signIn(t, Role.PARTNER);
    const csv = ((await download('/exports/reports', other.token)).body as Buffer).toString('utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(1);
    const anonymous = await request(t.app.getHttpServer()).get('/exports/reports');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('streams 100,000 reports with the process’s memory staying bounded', async () => {
    const [{ organisation_id: org, created_by_id: by }] = await t.db.query('SELECT organisation_id, created_by_id FROM progress_report LIMIT 1');
    await t.ownerQuery(
      `INSERT INTO progress_report (commitment_id, organisation_id, status, activity_from, activity_until, narrative, created_by_id, women, men, version)
       SELECT $1, $2, 'DRAFT', '2023-05-01', '2023-05-02', 'Laporan massal ' || g, $3, g % 50, g % 30, 1 FROM generate_series(1, 100000) g`,
      [commitment.id, org, by],
    );
    const server: Server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let lines = 0;
    await new Promise<void>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: '/exports/reports?format=csv', headers: { authorization: `Bearer ${coordinator.token}` } }, (res) => {
        res.on('data', (chunk: Buffer) => {
          for (const b of chunk) if (b === 10) lines += 1;
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        });
        res.on('end', resolve);
        res.on('error', reject);
      }).on('error', reject);
    });
    server.close();
    expect(lines).toBeGreaterThanOrEqual(100_001);
    // Held whole, 100,000 rows would take hundreds of MB here; streamed, the heap grows by far less.
    expect(peak - baseline).toBeLessThan(96 * 1024 * 1024);
  });
});
