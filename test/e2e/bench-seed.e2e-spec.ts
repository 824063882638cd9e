import { seedBench } from '../../src/cli/bench-data.js';
import { FILL_FIGURE_LOGS } from '../../src/database/migrations/1796340000000-FigureLogs.js';
import { withDatabase } from '../utils/database.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

/** The benchmark's loader writes derived figures its own (set-based) way: they must be what the service's rules give. */
describe('bench:seed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    // Ten reports per commitment over its eight past quarters: sums that run, and two reports in one period (a tie).
    const volume = { organisations: 10, agreements: 20, commitments: 100, reports: 1000 };
    await seedBench(withDatabase(process.env.MITRA_TEST_ADMIN_URL!, t.database), 'S', 'not a password hash', () => undefined, volume);
  }, 120_000);
  afterAll(() => t.close());

  it('logs the kept figures of every acceptance moment as the general fill from the reports does', async () => {
    const logs = () =>
      Promise.all([
        t.ownerQuery('SELECT target_id, known_from, achieved::numeric(14, 2)::text AS achieved FROM target_figures_log ORDER BY 1, 2'),
        t.ownerQuery('SELECT * FROM commitment_figures_log ORDER BY commitment_id, known_from'),
      ]);
    const seeded = await logs();
    // Most commitments have several acceptance moments; each logs both targets.
    expect(seeded[1].length).toBeGreaterThan(5 * 100);
    expect(seeded[0].length).toBe(2 * seeded[1].length);
    await t.ownerQuery('DELETE FROM target_figures_log; DELETE FROM commitment_figures_log');
    for (const statement of FILL_FIGURE_LOGS) await t.ownerQuery(statement);
    expect(seeded).toEqual(await logs());
  });
});
