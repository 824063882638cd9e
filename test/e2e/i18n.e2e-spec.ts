import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { Role } from '../../src/common/auth/role.js';
import { CATALOGUES, LANGUAGES } from '../../src/common/i18n/i18n.js';
import { signIn } from '../utils/auth.js';
import { gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

const SRC = new URL('../../src/', import.meta.url).pathname;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') ? [join(dir, e.name)] : []))),
  );
  return nested.flat();
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('Bahasa Indonesia and English', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** One GraphQL request as a client in a language would send it (no Accept-Language when none is given). */
  const ask = async (query: string, variables: object = {}, language?: string) => {
    const req = request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
    if (language) req.set('accept-language', language);
    return (await req.send({ query, variables })).body as { data?: any; errors?: { message: string; extensions: Record<string, any> }[] };
  };

  it('has every message, rule, label and header in both catalogues, with the same placeholders', () => {
    const [id, en] = [CATALOGUES.id, CATALOGUES.en];
    for (const section of ['errors', 'validation', 'columns'] as const) {
      expect(Object.keys(id[section]).sort()).toEqual(Object.keys(en[section]).sort());
      for (const [key, english] of Object.entries(en[section])) {
        const indonesian = (id[section] as Record<string, string>)[key]!;
        expect({ key, indonesian: indonesian.length > 0, placeholders: placeholders(indonesian) }).toEqual({ key, indonesian: true, placeholders: placeholders(english) });
      }
    }
    expect(Object.keys(id.enums).sort()).toEqual(Object.keys(en.enums).sort());
    for (const [name, values] of Object.entries(en.enums)) {
      expect(Object.keys((id.enums as Record<string, object>)[name]!).sort()).toEqual(Object.keys(values).sort());
    }
  });

  it('has both translations of every error reason the code can give', async () => {
    const reasons = new Set<string>();
    for (const file of await sourceFiles(SRC)) {
      const text = await readFile(file, 'utf8');
      // The key an error is made with: badInput('KEY', …), notFound('KEY', …), new AppError(code, 'KEY', …), limitError('KEY', …)
      for (const m of text.matchAll(/(?:badInput|notFound|conflict|staleVersion|forbidden|unauthenticated|limitError|documentError\([^,]+,[^,]+)\(?\s*'([A-Z][A-Z_]+(?:\.[a-z]+)?)'/g)) reasons.add(m[1]!);
      for (const m of text.matchAll(/new AppError\(\s*ErrorCode\.\w+,\s*'([A-Z][A-Z_]+(?:\.[a-z]+)?)'/g)) reasons.add(m[1]!);
    }
    expect(reasons.size).toBeGreaterThan(90);
    const missing = LANGUAGES.flatMap((language) => [...reasons].filter((r) => !(r in CATALOGUES[language].errors)).map((r) => `${language}: ${r}`));
    expect(missing).toEqual([]);
  });

  it('labels every value of every enum of the live schema, in Indonesian by default and in English when asked', async () => {
    const { __schema } = await gqlOk(t, '{ __schema { types { name kind enumValues { name } } } }');
    const enums = (__schema.types as { name: string; kind: string; enumValues: { name: string }[] }[]).filter((ty) => ty.kind === 'ENUM' && !ty.name.startsWith('__'));
    expect(enums.length).toBeGreaterThanOrEqual(19);
    const wanted = enums.flatMap((e) => e.enumValues.map((v) => `${e.name}.${v.name}`)).sort();
    for (const language of [undefined, 'en']) {
      const res = await ask('{ enumLabels { enum value label } }', {}, language);
      const labels = res.data!.enumLabels as { enum: string; value: string; label: string }[];
      expect(labels.map((l) => `${l.enum}.${l.value}`).sort()).toEqual(wanted);
      expect(labels.every((l) => l.label.length > 0)).toBe(true);
    }
    const one = '{ enumLabels(enums: ["CommitmentStatus"]) { value label } }';
    expect((await ask(one)).data.enumLabels).toContainEqual({ value: 'OVERDUE', label: 'Lewat tenggat' });
    expect((await ask(one, {}, 'en-US,en;q=0.9')).data.enumLabels).toContainEqual({ value: 'OVERDUE', label: 'Overdue' });
    expect((await ask(one, {}, 'id-ID')).data.enumLabels).toContainEqual({ value: 'OVERDUE', label: 'Lewat tenggat' });
    const unknown = await ask('{ enumLabels(enums: ["Nope"]) { value } }', {}, 'en');
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_ENUM' });
  });

  it('says an error in Indonesian by default, in English by Accept-Language, with the same code and reason', async () => {
    const query = 'query ($id: ID!) { agreement(id: $id) { title } }';
    const { token } = await signIn(t, Role.AUDITOR);
    const send = (language?: string) =>
      request(t.app.getHttpServer())
        .post('/graphql')
        .set({ 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(language ? { 'accept-language': language } : {}) })
        .send({ query, variables: { id: '00000000-0000-4000-8000-000000000000' } });
    const [indonesian, english, french] = await Promise.all([send(), send('en'), send('fr')]);
    expect(indonesian.body.errors[0]).toMatchObject({ message: 'Perjanjian 00000000-0000-4000-8000-000000000000 tidak ditemukan', extensions: { code: 'NOT_FOUND', reason: 'AGREEMENT_NOT_FOUND' } });
    expect(english.body.errors[0]).toMatchObject({ message: 'Agreement 00000000-0000-4000-8000-000000000000 was not found', extensions: { code: 'NOT_FOUND', reason: 'AGREEMENT_NOT_FOUND' } });
    expect(french.body.errors[0].message).toBe(indonesian.body.errors[0].message); // a language we lack: the default
  });

  it('names the field in a validation message in both languages, and in the document limits', async () => {
    const { token } = await signIn(t, Role.AUDITOR);
    const send = (language?: string) =>
      request(t.app.getHttpServer())
        .post('/graphql')
        .set({ 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(language ? { 'accept-language': language } : {}) })
        .send({ query: '{ places(first: 500, parentCode: "zz") { totalCount } }' });
    const [id, en] = (await Promise.all([send(), send('en')])).map((res) => res.body.errors[0]);
    for (const error of [id, en]) expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT' });
    expect(id.extensions.fields).toEqual([
      { path: 'parentCode', messages: ['parentCode harus kode wilayah Kemendagri seperti 36 atau 33.75'] },
      { path: 'first', messages: ['first tidak boleh lebih dari 100'] },
    ]);
    expect(en.extensions.fields).toEqual([
      { path: 'parentCode', messages: ['parentCode must be a Kemendagri place code such as 36 or 33.75'] },
      { path: 'first', messages: ['first must not be greater than 100'] },
    ]);
    expect(id.message).toBe('Masukan tidak valid: parentCode: parentCode harus kode wilayah Kemendagri seperti 36 atau 33.75; first: first tidak boleh lebih dari 100');

    const deep = `{ ${'organisations { edges { node { parent { '.repeat(3)} id ${'} } } }'.repeat(3)} }`;
    const [deepId, deepEn] = await Promise.all([ask(deep), ask(deep, {}, 'en')]);
    expect(deepId.errors![0]!.extensions.reason).toBe(deepEn.errors![0]!.extensions.reason);
    expect(deepId.errors![0]!.message).toMatch(/^Dokumen bersarang terlalu dalam/);
    expect(deepEn.errors![0]!.message).toMatch(/^The document is nested too deeply/);
  });

  it('takes its default language from DEFAULT_LANGUAGE', async () => {
    const english = await createTestApp({ DEFAULT_LANGUAGE: 'en' });
    try {
      const res = await request(english.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').send({ query: '{ enumLabels(enums: ["Role"]) { value label } }' });
      expect(res.body.data.enumLabels).toContainEqual({ value: 'PARTNER', label: 'Partner' });
      const asked = await request(english.app.getHttpServer()).post('/graphql').set({ 'content-type': 'application/json', 'accept-language': 'id' }).send({ query: '{ enumLabels(enums: ["Role"]) { value label } }' });
      expect(asked.body.data.enumLabels).toContainEqual({ value: 'PARTNER', label: 'Mitra' });
    } finally {
      await english.close();
    }
  });
});
