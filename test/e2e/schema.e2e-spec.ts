import { readFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { printAppSchema } from '../../src/common/graphql/print-schema.js';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

describe('schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('has a checked-in schema.graphql that matches the code (run `npm run schema` after an API change)', async () => {
    const checkedIn = await readFile(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(checkedIn).toEqual(printAppSchema(t.app));
  });

  it('has migrations that agree with the entities: generating a migration would produce nothing', async () => {
    const pending = await t.app.get(DataSource).driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('has no migration left to run after start-up', async () => {
    const owner = new DataSource(dataSourceOptions({ url: t.config.database.migrationUrl! }));
    await owner.initialize();
    try {
      expect(await owner.showMigrations()).toBe(false);
    } finally {
      await owner.destroy();
    }
  });
});
