import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Driver } from 'typeorm/driver/Driver.js';
import { DriverUtils } from 'typeorm/driver/DriverUtils.js';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

/** Properties to order by, each ascending or descending, as in TypeORM's `order`. */
export type RowOrder<E> = Partial<Record<keyof E & string, 'ASC' | 'DESC'>>;

/** A selected column and the key of its value in a raw row. */
type Field = { column: ColumnMetadata; key: string };

interface Statement {
  sql: string;
  fields: Field[];
  prototype: object;
}

const statements = new Map<string, Statement>();

/** The columns a find selects: not those marked `select: false` (a password hash), nor a relation's own key. */
const selectedColumns = (meta: EntityMetadata) => meta.columns.filter((c) => c.isSelect && !c.isVirtual);

/**
 * Whole entities by one column's values, on plain SQL made once per entity, column and order from TypeORM's
 * metadata; each value is converted by the driver exactly as TypeORM's own reads convert it. `find` builds its
 * SQL anew on every call, which was the largest part of the CPU of a single-record read (about 0.2 ms of 0.4):
 * the hot reads by key (a record by id, a DataLoader's batch) go through here instead.
 */
export async function rowsBy<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  property: keyof E & string,
  keys: readonly unknown[],
  order: RowOrder<E> = {},
): Promise<E[]> {
  if (keys.length === 0) return [];
  const statement = statementFor(em, entity, property, order);
  const rows = (await em.query(statement.sql, [keys])) as Record<string, unknown>[];
  return rows.map((row) => hydrate<E>(em.connection.driver, statement.prototype, statement.fields, row));
}

/** An entity of `prototype` from a raw row: each field's value converted by the driver as TypeORM's reads convert it. */
function hydrate<E>(driver: Driver, prototype: object, fields: Field[], row: Record<string, unknown>): E {
  const e = Object.create(prototype) as Record<string, unknown>;
  for (const { column, key } of fields) e[column.propertyName] = driver.prepareHydratedValue(row[key], column);
  return e as E;
}

function statementFor<E extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<E>, property: string, order: RowOrder<E>): Statement {
  const meta = em.connection.getMetadata(entity);
  const key = `${meta.name}|${property}|${JSON.stringify(order)}`;
  let statement = statements.get(key);
  if (!statement) {
    const quoted = (name: string) => {
      const found = meta.findColumnWithPropertyName(name);
      if (!found) throw new Error(`${meta.name} has no column ${name}`);
      return `"${found.databaseName}"`;
    };
    if (meta.embeddeds.length > 0) throw new Error(`${meta.name} has embedded columns, which rowsBy does not read`);
    const columns = selectedColumns(meta);
    const orderBy = Object.entries(order).map(([p, direction]) => `${quoted(p)} ${direction}`);
    statement = {
      sql:
        `SELECT ${columns.map((c) => `"${c.databaseName}"`).join(', ')} FROM "${meta.tableName}" WHERE ${quoted(property)} = ANY($1)` +
        (orderBy.length > 0 ? ` ORDER BY ${orderBy.join(', ')}` : ''),
      fields: columns.map((c) => ({ column: c, key: c.databaseName })),
      prototype: (meta.target as { prototype: object }).prototype,
    };
    statements.set(key, statement);
  }
  return statement;
}

/**
 * What `qb.getMany()` gives, for a query builder that selects its main entity, whole (`alias`) or some of its
 * properties (`alias.property`, the primary key among them), and nothing else (joins only filter): its raw rows
 * converted by the driver as `rowsBy` converts them, one entity per primary key in the rows' order (as `getMany`
 * keeps the first row of each). TypeORM's own transformer made up most of the CPU of a list page's hydration;
 * this reads the same columns.
 */
export async function entitiesOf<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>): Promise<E[]> {
  const meta = qb.expressionMap.mainAlias!.metadata;
  const { selects, joinAttributes } = qb.expressionMap;
  const whole = selects.length === 1 && selects[0]!.selection === qb.alias && !selects[0]!.aliasName;
  const columnOf = (s: (typeof selects)[number]) =>
    s.selection.startsWith(`${qb.alias}.`) && !s.aliasName ? meta.findColumnWithPropertyName(s.selection.slice(qb.alias.length + 1)) : undefined;
  const columns = whole ? selectedColumns(meta) : selects.map(columnOf);
  if (
    meta.embeddeds.length > 0 ||
    columns.length === 0 ||
    !columns.every((c): c is ColumnMetadata => c !== undefined) ||
    joinAttributes.some((j) => j.isSelected) ||
    !meta.primaryColumns.every((p) => columns.includes(p))
  ) {
    throw new Error(`entitiesOf reads ${meta.name} alone, whole or some of its columns with its key; this query selects more or less (use getMany)`);
  }
  const driver = qb.connection.driver;
  const aliasOf = (c: ColumnMetadata) => DriverUtils.buildAlias(driver, undefined, qb.alias, c.databaseName);
  const keys = meta.primaryColumns.map(aliasOf);
  const prototype = (meta.target as { prototype: object }).prototype;
  const fields = columns.map((column) => ({ column, key: aliasOf(column) }));
  const seen = new Set<string>();
  const entities: E[] = [];
  for (const row of (await qb.getRawMany()) as Record<string, unknown>[]) {
    const key = keys.map((k) => String(row[k])).join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    entities.push(hydrate<E>(driver, prototype, fields, row));
  }
  return entities;
}
