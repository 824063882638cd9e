import { In, type ObjectLiteral } from 'typeorm';
import { entitiesOf, rowsBy } from '../../src/common/database/entity-rows.js';
import { AgreementPartyEntity } from '../../src/modules/agreements/agreement-party.entity.js';
import { AgreementEntity } from '../../src/modules/agreements/agreement.entity.js';
import { seedDemo } from '../../src/database/seeds/seed-demo.js';
import { UserEntity } from '../../src/modules/users/user.entity.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

/** The hot reads by key skip TypeORM's query building: they must still give exactly what its find gives. */
describe('reading entities by key on plain SQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.app);
  });
  afterAll(() => t.close());

  it('gives every entity exactly as TypeORM finds it: same columns, values, types and class', async () => {
    const compared: string[] = [];
    for (const meta of t.db.entityMetadatas) {
      const [primary] = meta.primaryColumns;
      if (meta.embeddeds.length > 0 || meta.primaryColumns.length !== 1 || !primary) continue;
      const key = primary.propertyName;
      const sample = await t.db.manager.find<ObjectLiteral>(meta.target, { take: 40 });
      if (sample.length === 0) continue;
      const keys = sample.map((row) => row[key] as unknown);
      const byTypeOrm = await t.db.manager.find<ObjectLiteral>(meta.target, { where: { [key]: In(keys) }, order: { [key]: 'ASC' } });
      const byRows = await rowsBy<ObjectLiteral>(t.db.manager, meta.target, key, keys, { [key]: 'ASC' });
      expect({ entity: meta.name, rows: byRows }).toEqual({ entity: meta.name, rows: byTypeOrm });
      expect(byRows.every((row) => row instanceof (meta.target as new () => object))).toBe(true);
      compared.push(meta.name);
    }
    // Not vacuous: the demo data fills the tables the service reads by key.
    expect(compared).toEqual(expect.arrayContaining(['OrganisationEntity', 'UserEntity', 'AgreementPartyEntity', 'CommitmentTargetEntity', 'ReportingPeriodEntity', 'ReportValueEntity', 'PlaceEntity']));
  });

  it('orders as asked and leaves out what a find leaves out', async () => {
    const users = await t.db.manager.find(UserEntity, {});
    const ids = users.map((u) => u.id);
    const rows = await rowsBy(t.db.manager, UserEntity, 'id', ids, { email: 'DESC' });
    expect(rows.map((u) => u.email)).toEqual(users.map((u) => u.email).sort().reverse());
    expect(rows.every((u) => u.passwordHash === undefined)).toBe(true);
    expect(await rowsBy(t.db.manager, UserEntity, 'id', [])).toEqual([]);
  });

  it('gives a query builder\'s entities as getMany does: every entity, and one per key when a join repeats rows', async () => {
    const compared: string[] = [];
    for (const meta of t.db.entityMetadatas) {
      if (meta.embeddeds.length > 0 || meta.primaryColumns.length === 0) continue;
      const qb = () => {
        const q = t.db.manager.createQueryBuilder<ObjectLiteral>(meta.target, 'e');
        for (const p of meta.primaryColumns) q.addOrderBy(`e.${p.propertyName}`, 'DESC');
        return q.limit(40);
      };
      const byTypeOrm = await qb().getMany();
      if (byTypeOrm.length === 0) continue;
      const byRows = await entitiesOf(qb());
      expect({ entity: meta.name, rows: byRows }).toEqual({ entity: meta.name, rows: byTypeOrm });
      expect(byRows.every((row) => row instanceof (meta.target as new () => object))).toBe(true);
      compared.push(meta.name);
    }
    expect(compared).toEqual(expect.arrayContaining(['AgreementEntity', 'CommitmentEntity', 'ProgressReportEntity', 'HistoryEntryEntity', 'OrganisationEntity']));
    // Each agreement joined to its (two or more) parties: a row per party, an entity per agreement.
    const joined = () => t.db.manager.createQueryBuilder(AgreementEntity, 'a').innerJoin('agreement_party', 'p', 'p.agreement_id = a.id').orderBy('a.reference');
    const agreements = await entitiesOf(joined());
    expect((await joined().getRawMany()).length).toBeGreaterThan(agreements.length);
    expect(agreements).toEqual(await joined().getMany());
    // What it would not read as getMany does is refused, not half read.
    await expect(entitiesOf(joined().addSelect('p.role', 'role'))).rejects.toThrow(/use getMany/);
    await expect(entitiesOf(t.db.manager.createQueryBuilder(AgreementEntity, 'a').leftJoinAndSelect(AgreementPartyEntity, 'p', 'p.agreement_id = a.id'))).rejects.toThrow(/use getMany/);
  });

  it('reads some columns when a query selects some, and refuses a selection without the key', async () => {
    const qb = () => t.db.manager.createQueryBuilder(AgreementEntity, 'a').orderBy('a.id').limit(5);
    const whole = await entitiesOf(qb());
    const some = await entitiesOf(qb().select(['a.id', 'a.reference']));
    expect(some).toEqual(whole.map((a) => Object.assign(Object.create(AgreementEntity.prototype), { id: a.id, reference: a.reference })));
    expect(some.every((a) => a instanceof AgreementEntity && !('title' in a))).toBe(true);
    await expect(entitiesOf(qb().select(['a.reference']))).rejects.toThrow(/with its key/);
    await expect(entitiesOf(qb().select('a.id', 'renamed'))).rejects.toThrow(/with its key/);
  });
});
