import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Loads Indonesia's official administrative areas (Kemendagri codes) from the pinned idn-area-data
 * package: 38 provinces, 514 regencies and cities, ~7,300 districts, ~83,700 villages. One
 * INSERT … SELECT FROM unnest(…) per level, not a row at a time.
 */
export class LoadPlaces1795410030000 implements MigrationInterface {
  name = 'LoadPlaces1795410030000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const levels: [string, { code: string; name: string; parent: string | null }[]][] = [
      ['PROVINCE', (await getProvinces()).map((p) => ({ code: p.code, name: p.name, parent: null }))],
      ['REGENCY', (await getRegencies()).map((r) => ({ code: r.code, name: r.name, parent: r.province_code }))],
      ['DISTRICT', (await getDistricts()).map((d) => ({ code: d.code, name: d.name, parent: d.regency_code }))],
      ['VILLAGE', (await getVillages()).map((v) => ({ code: v.code, name: v.name, parent: v.district_code }))],
    ];
    for (const [level, rows] of levels) {
      await queryRunner.query(
        `INSERT INTO place (code, level, name, parent_code)
         SELECT code, $1::place_level, name, parent FROM unnest($2::text[], $3::text[], $4::text[]) AS t(code, name, parent)`,
        [level, rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => r.parent)],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM place`);
  }
}
